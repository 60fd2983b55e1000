import { describe, expect, it } from "vitest";
import { parseHost } from "./parse-host";

describe("parseHost", () => {
  const root = "localhost:3000";

  it.each([
    ["localhost:3000", { kind: "apex" }],
    ["LOCALHOST:3000", { kind: "apex" }],
    ["www.localhost:3000", { kind: "apex" }],
    ["admin.localhost:3000", { kind: "admin" }],
    ["acme.localhost:3000", { kind: "subdomain", slug: "acme" }],
    ["Acme.Localhost:3000", { kind: "subdomain", slug: "acme" }],
    ["acme-homes-2.localhost:3000", { kind: "subdomain", slug: "acme-homes-2" }],
    ["homes.acme.test", { kind: "custom-domain", domain: "homes.acme.test" }],
    ["homes.acme.test:3000", { kind: "custom-domain", domain: "homes.acme.test" }],
    ["HOMES.ACME.TEST.", { kind: "custom-domain", domain: "homes.acme.test" }],
    ["xn--bcher-kva.example", { kind: "custom-domain", domain: "xn--bcher-kva.example" }],
  ])("%s", (host, expected) => {
    expect(parseHost(host, root)).toEqual(expected);
  });

  it.each([
    [""],
    [null],
    [undefined],
    ["api.localhost:3000"], // reserved
    ["ab.localhost:3000"], // too short for a slug
    ["a.b.localhost:3000"], // nested subdomain
    ["-acme.localhost:3000"],
    ["acme.localhost:3001"], // other port: not our root
    ["acme.localhost"], // no port: not our root, and not a custom domain
    ["127.0.0.1:3000"],
    ["[::1]:3000"],
    ["10.0.0.1"],
    ["localhost"],
    ["evil.localhost"],
    ["bad_host.example"],
    ["host.example:abc"],
    ["a.b:1:2"],
  ])("%s is invalid", (host) => {
    expect(parseHost(host, root)).toEqual({ kind: "invalid" });
  });

  it("works with a production root domain", () => {
    const production = "assetanchor.app";
    expect(parseHost("assetanchor.app", production)).toEqual({ kind: "apex" });
    expect(parseHost("admin.assetanchor.app", production)).toEqual({ kind: "admin" });
    expect(parseHost("acme.assetanchor.app", production)).toEqual({ kind: "subdomain", slug: "acme" });
    expect(parseHost("homes.acme.com", production)).toEqual({ kind: "custom-domain", domain: "homes.acme.com" });
    expect(parseHost("evil.acme.assetanchor.app", production)).toEqual({ kind: "invalid" });
    expect(parseHost("assetanchor.app.evil.com", production)).toEqual({ kind: "custom-domain", domain: "assetanchor.app.evil.com" });
  });
});
