import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  // A sign-in is an argon2 hash plus a dashboard render; on two loaded CI cores that can pass expect's default 5 s.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Tenants' custom domains and the custom-script host, which no real DNS knows.
        "--host-resolver-rules=MAP *.test 127.0.0.1",
        // The custom-script host (widgets.test) serves a self-signed certificate.
        "--ignore-certificate-errors",
      ],
    },
  },
});
