import { apexRoute } from "@/lib/http/apex-request";
import { workspaceSignUpSchema } from "@/lib/signup/signup-schema";
import { signUpWorkspace } from "@/lib/signup/sign-up-workspace";

/** Self-service sign-up: 201 with the new workspace's address; 409 for a taken slug, 422 for a reserved or invalid one. */
export const POST = apexRoute(async ({ body, facts }) => Response.json(await signUpWorkspace(body, { ip: facts.ip }), { status: 201, headers: { "cache-control": "no-store" } }), {
  body: workspaceSignUpSchema,
});
