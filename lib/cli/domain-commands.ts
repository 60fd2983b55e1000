import type { Command } from "commander";
import { addCustomDomain } from "@/lib/domains/add-custom-domain";
import { getCustomDomain, type CustomDomainStatus } from "@/lib/domains/get-custom-domain";
import { recheckCustomDomains, type RecheckSummary } from "@/lib/domains/recheck-custom-domains";
import { removeCustomDomain } from "@/lib/domains/remove-custom-domain";
import { verifyCustomDomain } from "@/lib/domains/verify-custom-domain";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { EXIT_ERROR, EXIT_PARTIAL_FAILURE, formatFields, formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

function formatRecheckSummary(summary: RecheckSummary): string {
  return [
    `Checked ${summary.checked} verified domain(s): ${summary.healthy.length} healthy, ${summary.failing.length} failing, ` +
      `${summary.unverified.length} unverified now, ${summary.errors.length} lookup error(s)`,
    ...summary.failing.map((entry) => `  failing     ${entry.domain} since ${entry.since}: ${entry.reason}`),
    ...summary.unverified.map((domain) => `  unverified  ${domain} (stopped routing; owners mailed)`),
    ...summary.errors.map((entry) => `  error       ${entry.domain}: ${entry.error}`),
  ].join("\n");
}

function describeStatus(status: CustomDomainStatus): string {
  if (!status.domain) return `${status.slug} has no custom domain`;
  const lines = [
    formatFields([
      ["tenant", status.slug],
      ["domain", status.domain],
      ["verified", status.verified ? `yes (since ${status.verifiedAt})` : "no"],
      ["last checked", status.checkedAt ?? "-"],
      ["failing since", status.failingSince ?? "-"],
    ]),
  ];
  if (status.instructions && !status.verified) {
    const { txt, cname } = status.instructions;
    const records = formatTable(["TYPE", "NAME", "VALUE"], [["TXT", txt.name, `"${txt.value}"`], ["CNAME", cname.name, cname.value]]);
    lines.push(
      `Create these DNS records, then run \`npm run anchor -- domains verify ${status.slug}\`:`,
      records.replace(/^/gm, "  "),
    );
  }
  return lines.join("\n");
}

/** Adds `domains <subcommand>`: the custom-domain lifecycle, as in Settings → Domain. */
export function registerDomainCommands(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void): void {
  const domains = program.command("domains").description("Tenants' custom domains: add, verify by DNS, recheck, remove");
  const tenantId = async (slug: string) => (await findTenantBySlug(slug)).id;

  domains
    .command("add")
    .description("Set a tenant's custom domain (unverified: it routes once verified) and print the DNS records to create")
    .argument("<slug>")
    .argument("<domain>", "hostname, e.g. homes.acme.com")
    .action(async (slug: string, domain: string, _options: object, command: Command) => {
      const status = await addCustomDomain(await tenantId(slug), domain);
      outputFor(command).result(status, () => describeStatus(status));
    });

  domains
    .command("show")
    .description("Show a tenant's custom domain, its verification state and, while unverified, the DNS records to create")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const status = await getCustomDomain(await tenantId(slug));
      outputFor(command).result(status, () => describeStatus(status));
    });

  domains
    .command("verify")
    .description("Look up the challenge TXT record; exit 0 when verified (it routes at once), 1 when not, saying what DNS returned")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const result = await verifyCustomDomain(await tenantId(slug));
      outputFor(command).result(result, () => result.message);
      if (!result.verified) setExitCode(EXIT_ERROR);
    });

  domains
    .command("recheck")
    .description(
      "Re-check the DNS of every verified domain; unverify those failing for longer than DOMAIN_RECHECK_GRACE_HOURS. " +
        "Meant for cron (e.g. hourly); exit 3 if some lookups errored",
    )
    .addHelpText("after", "\nCron example:\n  17 * * * *  cd /srv/asset-anchor && npm run --silent anchor -- domains recheck --json >> /var/log/anchor-recheck.log 2>&1")
    .action(async (_options: object, command: Command) => {
      const summary = await recheckCustomDomains();
      outputFor(command).result(summary, () => formatRecheckSummary(summary));
      if (summary.errors.length > 0) setExitCode(EXIT_PARTIAL_FAILURE);
    });

  domains
    .command("remove")
    .description("Remove a tenant's custom domain; it stops routing at once")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const id = await tenantId(slug);
      const before = await getCustomDomain(id);
      const status = await removeCustomDomain(id);
      outputFor(command).result(status, () => `Removed ${before.domain ?? "the custom domain"} from ${slug}: it no longer routes.`);
    });
}
