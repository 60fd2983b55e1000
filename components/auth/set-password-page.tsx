import { AuthCard } from "./auth-card";
import { setPasswordAction } from "./password-actions";
import { SetPasswordForm } from "./set-password-form";

/** Behind both the welcome (set-password) and the reset-password links, on tenant and admin hosts: the token decides whose password it is. */
export function SetPasswordPage({ workspaceName, token }: { workspaceName: string; token: string | string[] | undefined }) {
  if (typeof token !== "string" || token === "") {
    return (
      <AuthCard title="Choose a password" subtitle={workspaceName}>
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          This link is incomplete. Open it from your email again, or{" "}
          <a href="/forgot-password" className="underline">
            ask for a new one
          </a>
          .
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a password" subtitle={workspaceName}>
      <SetPasswordForm action={setPasswordAction} token={token} />
    </AuthCard>
  );
}
