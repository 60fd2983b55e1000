/**
 * Every audit event the product writes: its kind (the Activity filter), a label template and what its
 * target links to. Adding an event is one row here; recordAuditEvent accepts no other name.
 *
 * Label placeholders: {actor} (the actor's name or email), {target} (the row's target), {field} (a
 * metadata field), {field:money} (a metadata amount in the tenant's currency). A missing field reads as
 * the target, then "—".
 */

export const AUDIT_KINDS = ["property", "transaction", "document", "lead", "branding", "domain", "team", "customer", "auth", "security", "backup", "tenant", "plan", "admin"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  property: "Properties",
  transaction: "Transactions",
  document: "Documents",
  lead: "Leads",
  branding: "Branding",
  domain: "Domain",
  team: "Team",
  customer: "Customers",
  auth: "Sign-in",
  security: "Security",
  backup: "Backups",
  tenant: "Workspace",
  plan: "Plan",
  admin: "Platform admin",
};

/** What an event's target opens: a property page (target or metadata.propertyId), a list, or nothing. */
export type AuditLink = "property" | "document_property" | "transaction" | "lead" | "team" | "branding" | "domain" | "none";

export interface AuditEventDefinition {
  kind: AuditKind;
  label: string;
  link: AuditLink;
}

const event = (kind: AuditKind, label: string, link: AuditLink = "none"): AuditEventDefinition => ({ kind, label, link });

export const AUDIT_EVENTS = {
  "property.created": event("property", "{actor} created {name}", "property"),
  "property.updated": event("property", "{actor} edited {name} ({fields})", "property"),
  "property.price_changed": event("property", "{actor} changed the price of {name} from {from:money} to {to:money}", "property"),
  "property.published": event("property", "{actor} published {name}", "property"),
  "property.unpublished": event("property", "{actor} unpublished {name}", "property"),
  "property.deleted": event("property", "{actor} deleted {name}"),
  "property.photos_updated": event("property", "{actor} set {photos} listing photos of {name}", "property"),

  "transaction.created": event("transaction", "{actor} recorded a {kind} of {amount:money} on {name}", "transaction"),
  "transaction.completed": event("transaction", "{actor} completed the {kind} of {amount:money} on {name}", "transaction"),
  "transaction.cancelled": event("transaction", "{actor} cancelled the {kind} of {amount:money} on {name}", "transaction"),

  "document.uploaded": event("document", "{actor} uploaded {filename}", "document_property"),
  "document.deleted": event("document", "{actor} deleted the document {filename}", "document_property"),

  "lead.created": event("lead", "{name} sent an enquiry", "lead"),
  "lead.handled": event("lead", "{actor} marked the enquiry from {name} as handled", "lead"),
  "lead.status_changed": event("lead", "{actor} moved the enquiry from {name} from {from} to {to}", "lead"),
  "lead.assigned": event("lead", "{actor} assigned the enquiry from {name} to {assignee}", "lead"),
  "lead.unassigned": event("lead", "{actor} unassigned the enquiry from {name}", "lead"),
  "lead.note_added": event("lead", "{actor} added a note to the enquiry from {name}", "lead"),

  "settings.branding_updated": event("branding", "{actor} changed the branding ({fields})", "branding"),
  "settings.asset_uploaded": event("branding", "{actor} uploaded a new {kind}", "branding"),

  "domain.added": event("domain", "{actor} set the custom domain {target}", "domain"),
  "domain.verified": event("domain", "{actor} verified the custom domain {target}", "domain"),
  "domain.verified_by_operator": event("domain", "{actor} verified the custom domain {target} (operator)", "domain"),
  "domain.unverified": event("domain", "The custom domain {target} stopped pointing here ({reason})", "domain"),
  "domain.removed": event("domain", "{actor} removed the custom domain {target}", "domain"),
  "domain.claim_released": event("domain", "The unverified custom domain {target} was released to another workspace", "domain"),

  "team.invited": event("team", "{actor} invited {target} as {role}", "team"),
  "team.invite_accepted": event("team", "{target} accepted the invitation", "team"),
  "team.invite_resent": event("team", "{actor} resent the invitation to {target}", "team"),
  "team.role_changed": event("team", "{actor} changed the role of {target} from {from} to {to}", "team"),
  "team.deactivated": event("team", "{actor} deactivated {target}", "team"),
  "team.reactivated": event("team", "{actor} reactivated {target}", "team"),

  "customer.sign_up_requested": event("customer", "{target} asked for a customer account"),
  "customer.sign_up_existing_address": event("customer", "Someone asked for a customer account for the existing address {target}"),

  "auth.signed_in": event("auth", "{actor} signed in"),
  "auth.sign_in_failed": event("auth", "A sign-in as {target} failed ({reason})"),
  "auth.token_issued": event("auth", "{actor} was issued an API token"),
  "auth.password_reset_requested": event("auth", "{actor} asked for a password reset"),
  "auth.password_reset": event("auth", "{actor} reset their password"),
  "auth.password_set": event("auth", "{actor} set their password"),
  "auth.signed_out_everywhere": event("auth", "{actor} signed out of all sessions"),
  "auth.handoff_started": event("auth", "{actor} started signing in on {target}"),
  "auth.handoff_redeemed": event("auth", "{actor} signed in on {target}"),
  "auth.account_locked": event("security", "Sign-in as {target} was locked after repeated failures"),
  "auth.ip_locked": event("security", "Sign-in from {target} was locked after repeated failures"),

  "security.tenant_context_mismatch": event("security", "{actor} tried to use another workspace's credentials on {target}"),
  "security.permission_denied": event("security", "{actor} was refused {permission} on {target}"),
  "security.handoff_rejected": event("security", "A sign-in hand-off to {target} was refused ({reason})"),
  "security.admin_api_refused": event("security", "{actor} was refused the admin API on {target}"),
  "security.impersonation_write_refused": event("security", "{actor} was refused a change on {target} (read-only impersonation)"),
  "security.impersonation_link_rejected": event("security", "An impersonation link was refused ({reason})"),

  "impersonation.started": event("admin", "A platform admin started viewing the workspace as {actor}"),
  "impersonation.redeemed": event("admin", "{actor} was opened by a platform admin"),
  "impersonation.action": event("admin", "{actor} changed {target}"),
  "impersonation.ended": event("admin", "The platform admin's view as {actor} ended"),
  "impersonation.expired": event("admin", "The platform admin's view as {actor} expired"),

  "backup.created": event("backup", "A backup was taken ({target})"),
  "backup.failed": event("backup", "A backup failed ({error})"),
  "backup.deleted": event("backup", "The backup {target} was deleted"),
  "backup.pruned": event("backup", "Old backups were pruned"),
  "backup.base_backup": event("backup", "A base backup was taken ({target})"),
  "backup.verified": event("backup", "The backup {target} was verified"),
  "backup.verify_failed": event("backup", "The backup {target} failed verification"),
  "backup.restored": event("backup", "The workspace was restored from backup {target}"),
  "backup.restore_failed": event("backup", "Restoring backup {target} failed"),
  "backup.restored_to_time": event("backup", "The workspace was restored to {target}"),

  "tenant.provisioned": event("tenant", "The workspace was created"),
  "tenant.schema_created": event("tenant", "The workspace's database was created"),
  "tenant.suspended": event("tenant", "{actor} suspended the workspace"),
  "tenant.activated": event("tenant", "{actor} reactivated the workspace"),
  "tenant.deleted": event("tenant", "{actor} deleted the workspace"),
  "tenant.maintenance_started": event("tenant", "The workspace went into maintenance"),
  "tenant.maintenance_updated": event("tenant", "The workspace's maintenance notice changed"),
  "tenant.maintenance_ended": event("tenant", "The workspace's maintenance ended"),
  "tenant.exported": event("tenant", "The workspace was exported"),
  "tenant.imported": event("tenant", "The workspace was imported from {from}"),
  "tenant.import_mismatch": event("tenant", "Importing the workspace from {from} did not match its export"),
  "tenant.data_copied_in": event("tenant", "Data was copied in from {target}"),
  "tenant.data_copied_out": event("tenant", "Data was copied out to {target}"),

  "tenant.plan_changed": event("plan", "{actor} moved the workspace from the {from} plan to {to}"),
  "tenant.limit_overridden": event("plan", "{actor} set the {limit} limit to {to}"),
  "tenant.flag_set": event("plan", "{actor} turned the feature {flag} {to}"),
  "tenant.flag_unset": event("plan", "{actor} reset the feature {flag} to the plan's default"),
  "tenant.limit_notice": event("plan", "The workspace reached {threshold}% of its {target} limit"),

  "admin.api_mutation": event("admin", "A platform admin changed {target}"),
  "admin.tenant_created": event("admin", "{actor} created a workspace from the admin console"),
  "admin.tenant_deleted": event("admin", "{actor} deleted a workspace from the admin console"),
  "admin.tenant_suspended": event("admin", "{actor} suspended a workspace"),
  "admin.tenant_reactivated": event("admin", "{actor} reactivated a workspace"),
  "admin.tenant_plan_changed": event("admin", "{actor} changed a workspace's plan"),
  "admin.tenant_flag_set": event("admin", "{actor} set a workspace's feature flag"),
  "admin.tenant_flag_cleared": event("admin", "{actor} cleared a workspace's feature flag"),
  "admin.tenant_backed_up": event("admin", "{actor} backed up a workspace"),
  "admin.tenant_restored": event("admin", "{actor} restored a workspace"),
  "admin.tenant_maintenance_started": event("admin", "{actor} put a workspace into maintenance"),
  "admin.tenant_maintenance_ended": event("admin", "{actor} ended a workspace's maintenance"),
  "admin.tenant_optimized": event("admin", "{actor} asked for a workspace's database optimisation"),
  "admin.impersonation_started": event("admin", "{actor} started an impersonation"),
  "admin.impersonation_ended": event("admin", "{actor} ended an impersonation"),
  "admin.admin_invited": event("admin", "{actor} invited a platform admin"),
  "admin.admin_removed": event("admin", "{actor} removed a platform admin"),
  "platform.admin_created": event("admin", "The platform admin {target} was created"),
} as const satisfies Record<string, AuditEventDefinition>;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AdminAuditAction = Extract<AuditAction, `admin.${string}`>;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, action);
}

/** The actions of one kind, for the Activity filter. */
export function actionsOfKind(kind: AuditKind): AuditAction[] {
  return (Object.keys(AUDIT_EVENTS) as AuditAction[]).filter((action) => AUDIT_EVENTS[action].kind === kind);
}
