import { AppError, type AppErrorDetails } from "@/lib/errors/app-error";

/** Where the CLI writes. The real process passes its streams; tests capture strings. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Set only when stderr is an interactive terminal: progress bars draw on it. */
  progressStream?: NodeJS.WritableStream;
}

export const EXIT_OK = 0;
/**
 * The command failed (validation, conflict, not found, database error); nothing was changed. Also
 * `domains verify` when DNS does not hold the challenge yet (it only records when it last checked).
 */
export const EXIT_ERROR = 1;
/** The command line itself was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/** `migrate` finished but a tenant schema failed, or `domains recheck` finished but a DNS lookup errored; the summary lists them. */
export const EXIT_PARTIAL_FAILURE = 3;

export interface CliErrorBody {
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: AppErrorDetails;
}

/**
 * All CLI output goes through here: with --json, stdout carries exactly one JSON document
 * (the result or `{ "error": ... }`); human text otherwise. Notes and progress go to stderr.
 */
export class CliOutput {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  result(value: unknown, humanText: () => string): void {
    if (this.json) this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else this.io.stdout(`${humanText()}\n`);
  }

  /** A remark for the operator that is not part of the result. */
  note(text: string): void {
    if (!this.json) this.io.stderr(`${text}\n`);
  }

  error(body: CliErrorBody): void {
    if (this.json) {
      this.io.stdout(`${JSON.stringify({ error: body }, null, 2)}\n`);
      return;
    }
    // Validation messages already name each field and its problem.
    this.io.stderr(`Error: ${body.message}\n`);
  }

  get progressStream(): NodeJS.WritableStream | undefined {
    return this.json ? undefined : this.io.progressStream;
  }
}

/** An AppError keeps its code and field errors; anything else is reported with its own message. */
export function errorBody(error: unknown): CliErrorBody {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof Error) {
    // pg's connection errors (AggregateError) can have an empty message; their causes say more.
    const inner = error instanceof AggregateError ? error.errors.map((each: unknown) => String(each)).join("; ") : "";
    return { code: "internal", message: error.message || inner || error.name };
  }
  return { code: "internal", message: String(error) };
}

/** Plain left-aligned columns for list output. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const formatRow = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [formatRow(headers), ...rows.map(formatRow)].join("\n");
}

export function formatFields(fields: Array<[label: string, value: string]>): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)} ${value}`).join("\n");
}
