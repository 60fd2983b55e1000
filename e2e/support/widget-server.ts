import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

export const WIDGET_HOST = "widgets.test";

/** The script a tenant would host elsewhere: it marks the page so a test can see that it ran. */
const WIDGET = `document.documentElement.setAttribute("data-custom-js", "ran");`;

/**
 * An https server for a tenant's custom script (custom JS URLs must be https). Self-signed for
 * `widgets.test`; Chromium maps the name to 127.0.0.1 and is told to accept the certificate.
 */
export async function startWidgetServer(dir: string): Promise<{ scriptUrl: string; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "widget-key.pem");
  const cert = path.join(dir, "widget-cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${WIDGET_HOST}`, "-addext", `subjectAltName=DNS:${WIDGET_HOST}`], { stdio: "ignore" });
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    if (request.url !== "/widget.js") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*" }).end(WIDGET);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { scriptUrl: `https://${WIDGET_HOST}:${port}/widget.js`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
