import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

export const WIDGET_HOST = "widgets.test";

/** The script a tenant would host elsewhere: it marks the page so a test can see that it ran. */
const WIDGET = `document.documentElement.setAttribute("data-custom-js", "ran");`;

/** Where a spec's own tenant scripts live: `PUT /scripts/<name>.js` stores one, GET serves it (see setWidgetScript). */
const SCRIPT_PATH = /^\/scripts\/[a-z0-9-]+\.js$/;

/**
 * An https server for a tenant's custom script (custom JS URLs must be https). Self-signed for
 * `widgets.test`; Chromium maps the name to 127.0.0.1 and is told to accept the certificate. Besides the
 * marker widget it serves scripts the attack specs store at run time (a hostile tenant's code).
 */
export async function startWidgetServer(dir: string): Promise<{ scriptUrl: string; scriptsBaseUrl: string; port: number; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "widget-key.pem");
  const cert = path.join(dir, "widget-cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${WIDGET_HOST}`, "-addext", `subjectAltName=DNS:${WIDGET_HOST}`], { stdio: "ignore" });
  const scripts = new Map<string, string>();
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    const url = request.url ?? "";
    if (SCRIPT_PATH.test(url) && request.method === "PUT") {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        scripts.set(url, body);
        response.writeHead(204).end();
      });
      return;
    }
    if (SCRIPT_PATH.test(url)) {
      const script = scripts.get(url);
      if (script === undefined) response.writeHead(404).end();
      else response.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store", "access-control-allow-origin": "*" }).end(script);
      return;
    }
    if (url !== "/widget.js") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*" }).end(WIDGET);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    scriptUrl: `https://${WIDGET_HOST}:${port}/widget.js`,
    scriptsBaseUrl: `https://${WIDGET_HOST}:${port}/scripts/`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Stores the script served at `https://widgets.test:<port>/scripts/<name>.js` (from a spec's Node side). */
export function setWidgetScript(port: number, name: string, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: "127.0.0.1", port, path: `/scripts/${name}.js`, method: "PUT", headers: { host: `${WIDGET_HOST}:${port}`, "content-type": "text/javascript" }, rejectUnauthorized: false },
      (response) => {
        response.resume();
        if (response.statusCode === 204) resolve();
        else reject(new Error(`storing widget script ${name}: HTTP ${response.statusCode}`));
      },
    );
    request.on("error", reject);
    request.end(source);
  });
}
