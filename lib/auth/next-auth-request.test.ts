import { describe, expect, it } from "vitest";
import { refusedSessionAnswer } from "./next-auth-request";
import { encodeSessionToken, sessionCookieName } from "./session-cookie";

const session = (role: string) => encodeSessionToken({ uid: "11111111-1111-4111-8111-111111111111", tid: "22222222-2222-4222-8222-222222222222", role, sv: 0, email: "someone@example.test" });
const request = (host: string, cookie: string) => new Request(`http://${host}/api/auth/session`, { headers: { host, cookie } });

describe("next-auth's own session read", () => {
  it("answers signed-out ({}) for a staff session on a custom domain and for a duplicated cookie", async () => {
    const name = sessionCookieName();
    const staff = await refusedSessionAnswer(request("homes.acme.test", `${name}=${await session("owner")}`), "session");
    expect(await staff?.json()).toEqual({});
    const twice = await refusedSessionAnswer(request("acme.localhost:3000", `${name}=${await session("customer")}; ${name}=${await session("customer")}`), "session");
    expect(await twice?.json()).toEqual({});
  });

  it("leaves next-auth to answer otherwise", async () => {
    const name = sessionCookieName();
    expect(await refusedSessionAnswer(request("homes.acme.test", `${name}=${await session("customer")}`), "session")).toBeNull();
    expect(await refusedSessionAnswer(request("acme.localhost:3000", `${name}=${await session("owner")}`), "session")).toBeNull();
    expect(await refusedSessionAnswer(request("homes.acme.test", `${name}=${await session("owner")}`), "csrf")).toBeNull();
  });
});
