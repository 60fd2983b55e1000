import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import dns2 from "dns2";

const { Packet } = dns2;

export interface ZoneRecords {
  TXT?: string[];
  CNAME?: string;
  A?: string[];
}

/**
 * A real DNS server for the e2e app (DNS_SERVERS points at it). It answers from a JSON file read on
 * every query, so test workers, which are other processes, change records by writing that file.
 */
export async function startFileZoneDns(zoneFile: string): Promise<{ server: string; close: () => Promise<void> }> {
  writeFileSync(zoneFile, "{}");
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const zone = existsSync(zoneFile) ? (JSON.parse(readFileSync(zoneFile, "utf8")) as Record<string, ZoneRecords>) : {};
      const records = question ? zone[question.name.toLowerCase()] : undefined;
      if (!question || !records) {
        response.header.rcode = 0x03;
        send(response);
        return;
      }
      type Answer = (typeof response.answers)[number];
      const answer = (fields: { type: number; data?: string; domain?: string; address?: string }) =>
        response.answers.push({ name: question.name, class: Packet.CLASS.IN, ttl: 1, ...fields } as Answer);
      if (question.type === Packet.TYPE.TXT) for (const data of records.TXT ?? []) answer({ type: Packet.TYPE.TXT, data });
      if (question.type === Packet.TYPE.CNAME && records.CNAME) answer({ type: Packet.TYPE.CNAME, domain: records.CNAME });
      if (question.type === Packet.TYPE.A) for (const address of records.A ?? []) answer({ type: Packet.TYPE.A, address });
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  return { server: `127.0.0.1:${(addresses.udp as AddressInfo).port}`, close: () => server.close() };
}

/** For specs: set (or with undefined, delete) one name's records in the zone the e2e app resolves against. */
export function setZoneRecords(zoneFile: string, name: string, records: ZoneRecords | undefined): void {
  const zone = JSON.parse(readFileSync(zoneFile, "utf8")) as Record<string, ZoneRecords>;
  if (records) zone[name.toLowerCase()] = records;
  else delete zone[name.toLowerCase()];
  writeFileSync(zoneFile, JSON.stringify(zone));
}
