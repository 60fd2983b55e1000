import type { Command } from "commander";
import { formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

/** `operations run` / `operations work`: the admin console's queued mutations, run as the operator. */
export function registerOperationsCommands(program: Command, outputFor: OutputFor): void {
  const operations = program.command("operations").description("The admin console's queued tenant mutations (the web tier has no owner credentials)");
  operations
    .command("run")
    .description("Run every queued operation once, then exit")
    .action(async (_options: object, command: Command) => {
      const { runQueuedAdminOperations } = await import("@/lib/admin-operations/run-admin-operations");
      const done = await runQueuedAdminOperations();
      outputFor(command).result(done, () => formatTable(["ID", "KIND", "TENANT", "STATUS"], done.map((operation) => [operation.id, operation.kind, operation.tenantSlug ?? "-", operation.error ? `${operation.status}: ${operation.error.message}` : operation.status])));
    });
  operations
    .command("work")
    .description("Keep running queued operations as they arrive, until SIGINT/SIGTERM (what the job worker does)")
    .action(async () => {
      const { startAdminOperationWorker } = await import("@/lib/admin-operations/run-admin-operations");
      const worker = await startAdminOperationWorker();
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await worker.stop();
    });
}
