import type { FieldErrors as HookFieldErrors, FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { FieldErrors } from "./form-field";

/** react-hook-form's errors as the `FormField` messages (root errors go to the form's alert instead). */
export function messagesByField<Values extends FieldValues>(errors: HookFieldErrors<Values>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).flatMap(([name, error]) => (name !== "root" && typeof error?.message === "string" ? [[name, [error.message]]] : [])));
}

/** `aria-invalid` and the link to the field's message (`#<name>-error`), for one input. */
export function invalidProps<Values extends FieldValues>(errors: HookFieldErrors<Values>, name: Path<Values>) {
  const invalid = Boolean(errors[name]);
  return { "aria-invalid": invalid, "aria-describedby": invalid ? `${name}-error` : undefined };
}

/** A server action's refusal, shown where the form shows its own: at each field the form has, and its message in the alert. */
export function showActionError<Values extends FieldValues, Output>(form: UseFormReturn<Values, unknown, Output>, error: { message: string; fieldErrors?: Record<string, string[]> }): void {
  const fields = new Set(Object.keys(form.getValues()));
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    // Checked against the form's own values just above, so the name is one of its fields.
    if (fields.has(field) && messages[0]) form.setError(field as Path<Values>, { type: "server", message: messages[0] });
  }
  form.setError("root", { type: "server", message: error.message });
}
