import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { copyTenantData } from "@/lib/backups/copy-tenant-data";
import { exportTenant, importTenant, type MoveReport } from "@/lib/backups/move-tenant";
import { deleteTenant } from "@/lib/tenants/delete-tenant";
import { findTenantBySlug, listTenants, type TenantDetails } from "@/lib/tenants/find-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { EXIT_ERROR, formatFields, formatTable, type CliOutput } from "./output";

/** Gives each action the output of the current invocation (it depends on the global --json). */
export type OutputFor = (command: Command) => CliOutput;

interface CreateOptions {
  name: string;
  slug: string;
  adminEmail: string;
  adminPassword?: string;
  plan?: string;
  welcomeEmail: boolean;
}

function describeDomain(tenant: TenantDetails): string {
  if (!tenant.customDomain) return "-";
  return tenant.customDomainVerified ? tenant.customDomain : `${tenant.customDomain} (unverified)`;
}

function tenantFields(tenant: TenantDetails): string {
  return formatFields([
    ["id", tenant.id],
    ["name", tenant.name],
    ["slug", tenant.slug],
    ["schema", tenant.schema],
    ["status", tenant.status],
    ["plan", tenant.plan],
    ["domain", describeDomain(tenant)],
    ["created", tenant.createdAt],
    ["updated", tenant.updatedAt],
  ]);
}

/** Adds `tenants <subcommand>`; created through `program.command` so it inherits the program's settings. */
export function registerTenantCommands(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void = () => undefined): void {
  const tenants = program.command("tenants").description("Create, inspect, suspend and delete tenants");

  tenants
    .command("create")
    .description("Provision a tenant: its schema, owner user and a set-password link")
    .requiredOption("--name <name>", "display name, e.g. \"Acme Realty\"")
    .requiredOption("--slug <slug>", "subdomain: 3-63 lowercase letters, digits and hyphens")
    .requiredOption("--admin-email <email>", "email of the tenant's owner user")
    .option("--admin-password <password>", "set the owner's password now (min 12 characters) instead of only sending a link")
    .option("--plan <plan>", "plan id", "standard")
    .option("--no-welcome-email", "do not email the set-password link to the owner")
    .action(async (options: CreateOptions, command: Command) => {
      const output = outputFor(command);
      const tenant = await provisionTenant(
        { name: options.name, slug: options.slug, adminEmail: options.adminEmail, adminPassword: options.adminPassword, plan: options.plan },
        { sendWelcome: options.welcomeEmail },
      );
      output.result(
        {
          id: tenant.id,
          name: tenant.name,
          slug: tenant.slug,
          schema: tenant.schema,
          status: tenant.status,
          plan: tenant.plan,
          adminEmail: tenant.adminEmail,
          adminUserId: tenant.adminUserId,
          setPasswordUrl: tenant.setPasswordUrl,
        },
        () =>
          [
            `Created tenant "${tenant.name}" (${tenant.slug})`,
            formatFields([
              ["id", tenant.id],
              ["schema", tenant.schema],
              ["status", tenant.status],
              ["plan", tenant.plan],
              ["owner", tenant.adminEmail],
              ["set password", tenant.setPasswordUrl],
            ]),
            `The set-password link works once, for one hour.${options.welcomeEmail ? ` It was also emailed to ${tenant.adminEmail}.` : ""}`,
          ].join("\n"),
      );
    });

  tenants
    .command("list")
    .description("List tenants, oldest first")
    .option("--all", "include deleted tenants")
    .action(async (options: { all?: boolean }, command: Command) => {
      const output = outputFor(command);
      const found = await listTenants({ includeDeleted: options.all === true });
      output.result(found, () =>
        found.length === 0
          ? "No tenants."
          : formatTable(
              ["SLUG", "NAME", "STATUS", "PLAN", "DOMAIN", "CREATED"],
              found.map((tenant) => [tenant.slug, tenant.name, tenant.status, tenant.plan, describeDomain(tenant), tenant.createdAt]),
            ),
      );
    });

  tenants
    .command("show")
    .description("Show one tenant")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const tenant = await findTenantBySlug(slug);
      outputFor(command).result(tenant, () => tenantFields(tenant));
    });

  for (const [name, status, description] of [
    ["suspend", "suspended", "Suspend a tenant: its sites and logins stop at once, its data is kept"],
    ["activate", "active", "Reactivate a suspended tenant"],
  ] as const) {
    tenants
      .command(name)
      .description(description)
      .argument("<slug>")
      .action(async (slug: string, _options: object, command: Command) => {
        const tenant = await setTenantStatus(slug, status);
        outputFor(command).result(tenant, () => `Tenant ${tenant.slug} is ${tenant.status}.`);
      });
  }

  tenants
    .command("set-domain")
    .description("Set a tenant's custom domain; without --verified it is stored but does not route until `domains verify` finds its DNS records")
    .argument("<slug>")
    .argument("<domain>", "hostname, e.g. homes.acme.com")
    .option("--verified", "skip the DNS check: you vouch that the domain is the tenant's and points at the platform; route it now")
    .action(async (slug: string, domain: string, options: { verified?: boolean }, command: Command) => {
      const output = outputFor(command);
      const tenant = await setTenantDomain(slug, domain, { verified: options.verified === true });
      output.result(tenant, () =>
        tenant.customDomainVerified
          ? `Tenant ${tenant.slug} now answers on ${tenant.customDomain}.`
          : `Stored ${tenant.customDomain} for ${tenant.slug} as unverified: it does not route yet. ` +
            `See the DNS records to create with: npm run anchor -- domains show ${tenant.slug}; then run: npm run anchor -- domains verify ${tenant.slug}`,
      );
    });

  tenants
    .command("delete")
    .description("Delete a tenant: takes a final backup, then drops its schema, its users and settings and its files (the slug is never reused)")
    .argument("<slug>")
    .option("--yes", "confirm: the tenant stops at once; only the final backup can bring it back")
    .option("--no-backup", "skip the final backup: this cannot be undone")
    .action(async (slug: string, options: { yes?: boolean; backup: boolean }, command: Command) => {
      const output = outputFor(command);
      if (options.yes !== true) {
        const tenant = await findTenantBySlug(slug);
        throw new AppError({
          code: "bad_request",
          message: `Refusing to delete tenant "${tenant.slug}" without --yes: it drops schema ${tenant.schema}, its users and its files`,
        });
      }
      const deleted = await deleteTenant(slug, null, { backup: options.backup });
      output.result({ ...deleted, status: "deleted" }, () =>
        [
          `Deleted tenant ${deleted.slug}: schema ${deleted.schema} dropped, ${deleted.filesRemoved} files removed.`,
          deleted.finalBackup
            ? `Final backup: ${deleted.finalBackup} (npm run anchor -- backups restore ${deleted.finalBackup} --yes brings it back)`
            : "No final backup was taken.",
        ].join("\n"),
      );
    });

  tenants
    .command("copy-data")
    .description("Copy rows of a tenant's tables (all, or --tables) into another tenant; rows whose id the target has are skipped and reported")
    .argument("<from>", "source tenant slug (only read)")
    .argument("<to>", "target tenant slug")
    .option("--tables <names>", "comma-separated tables of the tenant schema", (value: string) => value.split(",").map((name) => name.trim()).filter(Boolean))
    .action(async (from: string, to: string, options: { tables?: string[] }, command: Command) => {
      const result = await copyTenantData(from, to, { tables: options.tables });
      outputFor(command).result(result, () =>
        [
          `Copied from ${result.from} to ${result.to}:`,
          formatTable(
            ["TABLE", "SOURCE ROWS", "COPIED", "CONFLICTS"],
            Object.entries(result.tables).map(([name, table]) => [name, String(table.sourceRows), String(table.copied), String(table.conflicts)]),
          ),
          `${result.files} files copied; ${result.userReferencesCleared} references to users the target does not have were cleared.`,
        ].join("\n"),
      );
    });

  const moveText = (report: MoveReport) =>
    [
      `${report.status === "success" ? "OK" : "FAILED"}: ${report.message}`,
      `  ${report.details.tablesMigrated} tables, ${report.details.filesMigrated} files, ${report.details.dataTransferred} bytes (backup ${report.backup})`,
      ...(report.checks ?? []).filter((check) => !check.ok).map((check) => `  MISMATCH ${check.item}: ${check.detail}`),
    ].join("\n");

  tenants
    .command("export")
    .description("Export a tenant (a fresh backup: schema, shared rows, files, manifest) to one file another environment can import; the tenant is only read")
    .argument("<slug>")
    .requiredOption("--out <file>", "the export file to write (a tar archive)")
    .action(async (slug: string, options: { out: string }, command: Command) => {
      const report = await exportTenant(slug, options.out);
      outputFor(command).result(report, () => moveText(report));
    });

  tenants
    .command("import")
    .description("Import an export file into this environment (DATABASE_URL, S3_BUCKET, BACKUP_S3_BUCKET): creates the tenant with the same ids or updates it in place, then verifies every table and file")
    .argument("<file>")
    .option("--slug <slug>", "the slug to create the tenant with here (default: its slug in the export)")
    .action(async (file: string, options: { slug?: string }, command: Command) => {
      const report = await importTenant(file, { slug: options.slug });
      outputFor(command).result(report, () => moveText(report));
      if (report.status !== "success") setExitCode(EXIT_ERROR);
    });
}
