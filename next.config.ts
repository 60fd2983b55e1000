import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tenant pages answer 403 through forbidden() when a tenant is suspended.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pg", "pino", "@node-rs/argon2", "nodemailer"],
  poweredByHeader: false,
  // Lets parallel builds (several checkouts, CI beside a dev server) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
