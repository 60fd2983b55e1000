import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { startDnsServer, type ZoneRecords } from "../../lib/testing/local-dns";

function readZone(zoneFile: string): Record<string, ZoneRecords> {
  return existsSync(zoneFile) ? (JSON.parse(readFileSync(zoneFile, "utf8")) as Record<string, ZoneRecords>) : {};
}

/**
 * The e2e app's DNS server (DNS_SERVERS points at it). It answers from a JSON file read on every
 * query, so test workers, which are other processes, change records by writing that file.
 */
export async function startFileZoneDns(zoneFile: string): Promise<{ server: string; close: () => Promise<void> }> {
  writeFileSync(zoneFile, "{}");
  return startDnsServer((name) => readZone(zoneFile)[name]);
}

/** For specs: set (or with undefined, delete) one name's records in the zone the e2e app resolves against. */
export function setZoneRecords(zoneFile: string, name: string, records: ZoneRecords | undefined): void {
  const zone = readZone(zoneFile);
  if (records) zone[name.toLowerCase()] = records;
  else delete zone[name.toLowerCase()];
  writeFileSync(zoneFile, JSON.stringify(zone));
}
