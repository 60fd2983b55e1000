import type { Command } from "commander";
import { createPlatformAdmin } from "@/lib/admins/create-platform-admin";
import { formatFields } from "./output";
import type { OutputFor } from "./tenant-commands";

/** Adds `admins create`: platform administrators sign in on admin.<root>. */
export function registerAdminCommands(program: Command, outputFor: OutputFor): void {
  const admins = program.command("admins").description("Platform administrators (the admin console's users)");
  admins
    .command("create")
    .description("Create a platform admin; without --password one is generated and printed once")
    .requiredOption("--email <email>", "the admin's email")
    .option("--password <password>", "the admin's password (min 12 characters); omit it to generate one")
    .action(async (options: { email: string; password?: string }, command: Command) => {
      const output = outputFor(command);
      const admin = await createPlatformAdmin({ email: options.email, password: options.password });
      // The password goes out only when it was generated: the operator needs it once, and it is stored hashed.
      output.result(
        {
          id: admin.id,
          email: admin.email,
          loginUrl: admin.loginUrl,
          generatedPassword: admin.generatedPassword,
          ...(admin.generatedPassword ? { password: admin.password } : {}),
        },
        () =>
          [
            `Created platform admin ${admin.email}`,
            formatFields([
              ["id", admin.id],
              ["sign in", admin.loginUrl],
              ...(admin.generatedPassword ? [["password", admin.password] as [string, string]] : []),
            ]),
            admin.generatedPassword
              ? "Save the password now: it will not be shown again (only its hash is stored)."
              : "They sign in with the password you gave.",
          ].join("\n"),
      );
    });
}
