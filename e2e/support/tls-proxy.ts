import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * The e2e stand-in for the production TLS terminator (Caddy): https on `port`, forwarding every request
 * unchanged — Host included — to a `next start` on `upstreamPort` that runs with APP_PROTOCOL=https.
 * Self-signed (Chromium runs with --ignore-certificate-errors); Node callers pass rejectUnauthorized: false.
 * Without it the browser would treat every origin as http and never apply `__Host-`/Secure cookie rules.
 */
export async function startTlsProxy(dir: string, upstreamPort: number): Promise<{ port: number; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "tls-key.pem");
  const cert = path.join(dir, "tls-cert.pem");
  const names = ["localhost", "*.localhost", "*.test", "*.sites.test"].map((name) => `DNS:${name}`).join(",");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", `subjectAltName=${names}`], { stdio: "ignore" });
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    const upstream = http.request(
      { host: "127.0.0.1", port: upstreamPort, method: request.method, path: request.url, headers: { ...request.headers, "x-forwarded-for": request.socket.remoteAddress ?? "127.0.0.1" } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  // Every address, like `next start`: Chromium may reach `*.localhost` on ::1 as well as 127.0.0.1.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
