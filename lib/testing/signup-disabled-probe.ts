// Run by lib/signup/signup-disabled.test.ts in a process of its own (env() is read once per process):
// calls the sign-up routes as the apex would and prints their statuses as JSON.
import { POST } from "@/app/apex/api/signup/route";
import { GET } from "@/app/apex/api/signup/slug/route";

const headers = { host: "localhost:3000", "content-type": "application/json" };
const body = JSON.stringify({ workspaceName: "Closed Shop", slug: "closed-shop", ownerEmail: "owner@closed.test" });
const post = await POST(new Request("http://localhost:3000/api/signup", { method: "POST", headers, body }));
const get = await GET(new Request("http://localhost:3000/api/signup/slug?slug=closed-shop", { headers }));
process.stdout.write(JSON.stringify({ post: post.status, get: get.status }));
process.exit(0);
