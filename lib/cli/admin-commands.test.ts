import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { sharedDb } from "@/lib/db/shared-client";
import { parsed, runInProcess, type ErrorJson } from "./cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "./output";

interface AdminJson {
  id: string;
  email: string;
  loginUrl: string;
  generatedPassword: boolean;
  password?: string;
}

const signIn = (email: string, password: string) => authenticateWithPassword({ tenantId: null, email, password, ip: "192.0.2.1", userAgent: null });

const platformAdminCount = () => sharedDb().user.count({ where: { tenantId: null } });

describe("anchor admins create", () => {
  it("with --password: creates the admin and never prints the password", async () => {
    const run = await runInProcess(["admins", "create", "--email", "Given@Platform.test", "--password", "a long enough password", "--json"]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(EXIT_OK);
    const admin = parsed<AdminJson>(run);
    expect(admin).toEqual({ id: expect.any(String), email: "given@platform.test", loginUrl: "http://admin.localhost:3000/login", generatedPassword: false });
    expect(run.stdout).not.toContain("a long enough password");
    await expect(signIn("given@platform.test", "a long enough password")).resolves.toMatchObject({ id: admin.id, role: "platform_admin" });
  });

  it("without --password: generates one, prints it once (JSON and text) and it signs in", async () => {
    const json = parsed<AdminJson>(await runInProcess(["admins", "create", "--email", "generated@platform.test", "--json"]));
    expect(json).toMatchObject({ email: "generated@platform.test", generatedPassword: true });
    expect(json.password!.length).toBeGreaterThanOrEqual(16);
    await expect(signIn("generated@platform.test", json.password!)).resolves.toMatchObject({ role: "platform_admin" });

    const text = await runInProcess(["admins", "create", "--email", "text@platform.test"]);
    expect(text.exitCode, text.stderr).toBe(EXIT_OK);
    expect(text.stdout).toContain("Created platform admin text@platform.test");
    expect(text.stdout).toContain("http://admin.localhost:3000/login");
    expect(text.stdout).toContain("it will not be shown again");
    const password = /password:\s+(\S+)/.exec(text.stdout)?.[1];
    expect(password, text.stdout).toBeDefined();
    await expect(signIn("text@platform.test", password!)).resolves.toMatchObject({ role: "platform_admin" });
  });

  it.each([
    { args: ["--email", "taken@platform.test", "--password", "another long password"], code: "conflict", message: "already exists", field: undefined },
    { args: ["--email", "not-an-email"], code: "validation_failed", message: "Enter a valid email address", field: "email" },
    { args: ["--email", "short@platform.test", "--password", "elevenchars"], code: "validation_failed", message: "Password must be at least 12 characters", field: "password" },
  ])("refuses $args with exit 1 ($code) and creates nothing", async ({ args, code, message, field }) => {
    if (code === "conflict") expect((await runInProcess(["admins", "create", "--email", "taken@platform.test", "--password", "a long enough password"])).exitCode).toBe(EXIT_OK);
    const before = await platformAdminCount();

    const json = await runInProcess(["admins", "create", ...args, "--json"]);
    expect(json.exitCode).toBe(EXIT_ERROR);
    const { error } = parsed<ErrorJson>(json);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    if (field) expect(error.fieldErrors).toEqual({ [field]: [message] });

    const text = await runInProcess(["admins", "create", ...args]);
    expect(text.exitCode).toBe(EXIT_ERROR);
    expect(text.stdout).toBe("");
    expect(text.stderr).toMatch(new RegExp(`^Error: .*${message}`));

    expect(await platformAdminCount()).toBe(before);
  });
});
