import type { Prisma } from "@/lib/db/generated/shared/client";
import { formatMoney } from "@/lib/format/format-money";
import { AUDIT_EVENTS, isAuditAction, type AuditKind, type AuditLink } from "./audit-events";

export interface AuditRowFacts {
  action: string;
  target: string | null;
  metadata: Prisma.JsonValue;
  /** The actor's name (else email) when the actor is this tenant's user; null otherwise. */
  actorName: string | null;
  /** Whether the row names an actor at all (one of another workspace reads differently from none). */
  hasActor: boolean;
}

export interface AuditDescription {
  kind: AuditKind | null;
  label: string;
  href: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function metadataField(metadata: Prisma.JsonValue, field: string): Prisma.JsonValue | undefined {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return undefined;
  return (metadata as Prisma.JsonObject)[field];
}

function asText(value: Prisma.JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((item) => asText(item) ?? "").join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

function hrefFor(link: AuditLink, target: string | null, metadata: Prisma.JsonValue): string | null {
  const id = (value: string | null) => (value && UUID.test(value) ? value : null);
  switch (link) {
    case "property":
      return id(target) ? `/dashboard/properties/${target}` : null;
    case "document_property": {
      const propertyId = id(asText(metadataField(metadata, "propertyId")));
      return propertyId ? `/dashboard/properties/${propertyId}` : null;
    }
    case "transaction": {
      const propertyId = id(asText(metadataField(metadata, "propertyId")));
      return propertyId ? `/dashboard/properties/${propertyId}` : "/dashboard/transactions";
    }
    case "lead":
      return id(target) ? `/dashboard/leads/${target}` : "/dashboard/leads";
    case "team":
      return "/dashboard/team";
    case "branding":
      return "/dashboard/settings/branding";
    case "domain":
      return "/dashboard/settings/domain";
    case "none":
      return null;
  }
}

/** An audit row as a sentence, e.g. "Jane Doe changed the price of 12 Oak St from £450,000.00 to £425,000.00", and where it links. */
export function describeAuditEvent(row: AuditRowFacts, currency: string): AuditDescription {
  const actor = row.actorName ?? (row.hasActor ? "A user of another workspace" : "The system");
  if (!isAuditAction(row.action)) return { kind: null, label: `${actor}: ${row.action}${row.target ? ` (${row.target})` : ""}`, href: null };
  const definition = AUDIT_EVENTS[row.action];
  const label = definition.label.replace(/\{(\w+)(?::(money))?\}/g, (_match, field: string, format?: string) => {
    if (field === "actor") return actor;
    if (field === "target") return row.target ?? "—";
    const value = asText(metadataField(row.metadata, field));
    if (value === null) return row.target ?? "—";
    return format === "money" ? formatMoney(value, currency) : value;
  });
  return { kind: definition.kind, label, href: hrefFor(definition.link, row.target, row.metadata) };
}
