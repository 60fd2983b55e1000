import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tenant pages answer 403 through forbidden() when a tenant is suspended.
  // proxy.ts sits in front of every route, and Next buffers at most this much of a request body for it:
  // documents may be 20 MB plus the multipart envelope.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: "21mb" },
  serverExternalPackages: ["pg", "pino", "@node-rs/argon2", "nodemailer", "redis", "@upstash/redis"],
  poweredByHeader: false,
  // Lets parallel builds (several checkouts, CI beside a dev server) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
