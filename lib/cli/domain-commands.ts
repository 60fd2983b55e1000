import type { Command } from "commander";
import { addCustomDomain } from "@/lib/domains/add-custom-domain";
import { getCustomDomain, type CustomDomainStatus } from "@/lib/domains/get-custom-domain";
import { recheckCustomDomains } from "@/lib/domains/recheck-custom-domains";
import { removeCustomDomain } from "@/lib/domains/remove-custom-domain";
import { verifyCustomDomain } from "@/lib/domains/verify-custom-domain";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { EXIT_ERROR, EXIT_PARTIAL_FAILURE, formatFields } from "./output";
import type { OutputFor } from "./tenant-commands";

function describeStatus(status: CustomDomainStatus): string {
  if (!status.domain) return `${status.slug} has no custom domain`;
  const lines = [
    formatFields([
      ["domain", status.domain],
      ["verified", status.verified ? `yes (since ${status.verifiedAt})` : "no"],
      ["last checked", status.checkedAt ?? "-"],
      ["failing since", status.failingSince ?? "-"],
    ]),
  ];
  if (status.instructions && !status.verified) {
    lines.push(
      "Create these DNS records, then run `npm run anchor -- domains verify " + status.slug + "`:",
      `  TXT    ${status.instructions.txt.name}  "${status.instructions.txt.value}"`,
      `  CNAME  ${status.instructions.cname.name}  ${status.instructions.cname.value}`,
    );
  }
  return lines.join("\n");
}

/** Adds `domains <subcommand>`: the custom-domain lifecycle, as in Settings → Domain. */
export function registerDomainCommands(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void): void {
  const domains = program.command("domains").description("Tenants' custom domains: add, verify by DNS, recheck, remove");
  const tenantId = async (slug: string) => (await findTenantBySlug(slug)).id;

  domains
    .command("add <slug> <domain>")
    .description("Set a tenant's custom domain (unverified: it routes once verified) and print the DNS records to create")
    .action(async (slug: string, domain: string, _options: unknown, command: Command) => {
      const status = await addCustomDomain(await tenantId(slug), domain);
      outputFor(command).result(status, () => describeStatus(status));
    });

  domains
    .command("show <slug>")
    .description("A tenant's custom domain and its verification state")
    .action(async (slug: string, _options: unknown, command: Command) => {
      const status = await getCustomDomain(await tenantId(slug));
      outputFor(command).result(status, () => describeStatus(status));
    });

  domains
    .command("verify <slug>")
    .description("Look up the challenge TXT record; exit 0 when verified (routing starts at once), 1 otherwise")
    .action(async (slug: string, _options: unknown, command: Command) => {
      const result = await verifyCustomDomain(await tenantId(slug));
      outputFor(command).result(result, () => result.message);
      if (!result.verified) setExitCode(EXIT_ERROR);
    });

  domains
    .command("recheck")
    .description("Re-verify every verified domain; unverify those failing longer than DOMAIN_RECHECK_GRACE_HOURS. Run it from cron, e.g. hourly")
    .action(async (_options: unknown, command: Command) => {
      const summary = await recheckCustomDomains();
      outputFor(command).result(summary, () =>
        [
          `Checked ${summary.checked} verified domain(s): ${summary.healthy.length} healthy, ${summary.failing.length} failing, ${summary.unverified.length} unverified now, ${summary.errors.length} lookup error(s)`,
          ...summary.failing.map((entry) => `  failing     ${entry.domain} since ${entry.since}: ${entry.reason}`),
          ...summary.unverified.map((domain) => `  unverified  ${domain} (stopped routing; owners mailed)`),
          ...summary.errors.map((entry) => `  error       ${entry.domain}: ${entry.error}`),
        ].join("\n"),
      );
      if (summary.errors.length > 0) setExitCode(EXIT_PARTIAL_FAILURE);
    });

  domains
    .command("remove <slug>")
    .description("Remove a tenant's custom domain; it stops routing at once")
    .action(async (slug: string, _options: unknown, command: Command) => {
      const status = await removeCustomDomain(await tenantId(slug));
      outputFor(command).result(status, () => `Removed the custom domain of ${slug}`);
    });
}
