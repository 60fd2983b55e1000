import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

export const TENANT_SCRIPT_HOST = "tenant-scripts.test";

/**
 * An https server for a hostile tenant's custom script, in the test worker: the test sets the script's
 * text, Chromium (which maps *.test to 127.0.0.1 and accepts the self-signed certificate) loads it.
 */
export async function startTenantScriptServer(): Promise<{ scriptUrl: string; setScript: (source: string) => void; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tenant-script-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${TENANT_SCRIPT_HOST}`, "-addext", `subjectAltName=DNS:${TENANT_SCRIPT_HOST}`], { stdio: "ignore" });
  let script = "";
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    if (request.url !== "/tenant.js") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" }).end(script);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    scriptUrl: `https://${TENANT_SCRIPT_HOST}:${port}/tenant.js`,
    setScript: (source) => void (script = source),
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
