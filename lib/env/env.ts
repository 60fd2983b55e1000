import { z } from "zod";

const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The owner role: migrator, operator CLI, seeders. The web tier runs without it. */
  DATABASE_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ message: "DATABASE_URL must be a postgres:// URL of the owner role" }).optional()),
  APP_DATABASE_URL: optionalUrl,
  /** A session connection straight to Postgres (not through a transaction pooler) for LISTEN; defaults to APP_DATABASE_URL. */
  DIRECT_DATABASE_URL: optionalUrl,
  APP_DB_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "APP_DB_ROLE must be a plain lowercase identifier")
    .default("app_user"),
  APP_DB_PASSWORD: z.string().min(1).optional(),
  PLATFORM_DATABASE_URL: optionalUrl,
  PLATFORM_DB_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "PLATFORM_DB_ROLE must be a plain lowercase identifier")
    .default("platform_user"),
  PLATFORM_DB_PASSWORD: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  APP_ROOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d{1,5})?$/, "APP_ROOT_DOMAIN is a host with an optional port, e.g. localhost:3000")
    .default("localhost:3000"),
  APP_PROTOCOL: z.enum(["http", "https"]).default("http"),
  TENANT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * How long per-process tenant cache entries (host, profile, identity row, branding) live when stored while this
   * process hears tenant changes (lib/tenancy/tenant-change-bus.ts cacheLifetimeMs); never shorter than the entry's own TTL.
   */
  TENANT_CACHE_SUBSCRIBED_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  S3_ENDPOINT: optionalUrl,
  // Health alerts (lib/health): POSTed a JSON body on every tenant status change, besides the mail to platform admins.
  ALERT_WEBHOOK_URL: optionalUrl,
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().default("S3RVER"),
  S3_SECRET_ACCESS_KEY: z.string().default("S3RVER"),
  S3_BUCKET: z.string().min(3).default("asset-anchor"),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("Asset Anchor <no-reply@asset-anchor.local>"),
  MAIL_OUTBOX_DIR: z.string().default(".data/outbox"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MIGRATIONS_DIR: z.string().default("prisma/migrations"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((server) => server.trim()).filter(Boolean) : []))
    .refine((servers) => servers.every((server) => /^[0-9.]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(server)), "DNS_SERVERS is a comma-separated list of IP[:port]"),
  DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  CUSTOM_DOMAIN_TARGET: z.string().regex(/^[a-z0-9.-]+$/, "CUSTOM_DOMAIN_TARGET is a hostname").optional(),
  DOMAIN_RECHECK_GRACE_HOURS: z.coerce.number().min(0).max(24 * 30).default(72),
  /** Comma-separated IPs/CIDRs of the proxies whose X-Forwarded-For entries count (lib/http/client-ip.ts); none by default. */
  TRUSTED_PROXIES: z.string().optional(),
  /** Shared secret Caddy's on-demand TLS `ask` URL may carry (`?secret=` or `X-TLS-Check-Secret`); without it only loopback may ask. */
  TLS_CHECK_SECRET: z.string().min(16, "TLS_CHECK_SECRET must be at least 16 characters").optional(),
  // Redis (lib/kv): Upstash REST (URL + token), or a plain Redis that lib/kv talks to directly (node-redis).
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  REDIS_URL: z.preprocess((value) => (value === "" ? undefined : value), z.string().regex(/^rediss?:\/\/\S+$/, "REDIS_URL is a redis:// or rediss:// URL").optional()),
  KV_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  KV_NAMESPACE: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "KV_NAMESPACE is 1-64 letters, digits, dots, dashes or underscores").default("asset-anchor"),
  /** Self-service workspace sign-up at /signup on the apex; "false" for closed deployments (the page and API answer 404). */
  SIGNUP_ENABLED: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  TENANT_PROFILE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Tenant API requests one process works on at once (lib/http/admission-control.ts); over it 503 + Retry-After. */
  ADMISSION_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(64),
  /** How long the front door (lib/http/front-door.ts) holds a refusal before answering, at most Retry-After; 0 answers at once. */
  REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
});

export type Env = z.infer<typeof envSchema> & { APP_DATABASE_URL: string; PLATFORM_DATABASE_URL: string; DIRECT_DATABASE_URL: string };

let cached: Env | undefined;

/**
 * Parses process.env once. Called at boot (instrumentation, CLI, scripts) so bad config fails early.
 * Two shapes: operator (DATABASE_URL of the owner; the app and platform URLs default to the same server
 * with APP_DB_* / PLATFORM_DB_*) and web tier (APP_DATABASE_URL + PLATFORM_DATABASE_URL, no owner).
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw invalidEnvironment(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  const values = parsed.data;
  const missing = [
    !values.DATABASE_URL && !values.APP_DATABASE_URL ? "APP_DATABASE_URL: required without DATABASE_URL (the web tier's app role URL)" : null,
    !values.DATABASE_URL && !values.PLATFORM_DATABASE_URL ? "PLATFORM_DATABASE_URL: required without DATABASE_URL (the web tier's platform role URL)" : null,
  ].filter((problem): problem is string => problem !== null);
  if (missing.length > 0) throw invalidEnvironment(missing);
  const appDatabaseUrl = values.APP_DATABASE_URL ?? roleUrlFromOwnerUrl(values.DATABASE_URL!, values.APP_DB_ROLE, values.APP_DB_PASSWORD);
  const resolved: Env = {
    ...values,
    APP_DATABASE_URL: appDatabaseUrl,
    PLATFORM_DATABASE_URL: values.PLATFORM_DATABASE_URL ?? roleUrlFromOwnerUrl(values.DATABASE_URL!, values.PLATFORM_DB_ROLE, values.PLATFORM_DB_PASSWORD),
    DIRECT_DATABASE_URL: values.DIRECT_DATABASE_URL ?? appDatabaseUrl,
  };
  if (roleOf(resolved.APP_DATABASE_URL) === roleOf(resolved.PLATFORM_DATABASE_URL)) {
    throw invalidEnvironment(["PLATFORM_DB_ROLE: the platform role must not be the app role"]);
  }
  cached = resolved;
  return cached;
}

/** Parses process.env again: for tests that point this process at another database server mid-file. */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}

function invalidEnvironment(problems: string[]): Error {
  return new Error(`Invalid environment:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
}

/** Without APP_DATABASE_URL / PLATFORM_DATABASE_URL a role logs in to the owner's server and database. */
function roleUrlFromOwnerUrl(ownerUrl: string, role: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ?? "";
  return url.toString();
}

function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export function appDatabaseRole(): string {
  return roleOf(env().APP_DATABASE_URL);
}

export function platformDatabaseRole(): string {
  return roleOf(env().PLATFORM_DATABASE_URL);
}

/** The owner's URL, for migrations and operator tools only; the web tier has none and says so. */
export function ownerDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "Invalid environment:\n  DATABASE_URL: the owner role is needed here (migrations, provisioning, operator CLI); this process was started with least-privilege URLs only",
    );
  }
  return url;
}

/** The secret behind sessions and API tokens. Only the web app and token issuers need it. */
export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("Invalid environment:\n  AUTH_SECRET: required to sign sessions and API tokens (32+ characters)");
  return secret;
}
