/** A form's error, announced to assistive technology; renders nothing without one. */
export function FormAlert({ message, className = "" }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`.trim()}>
      {message}
    </p>
  );
}
