import { after } from "next/server";
import { apexRoute } from "@/lib/http/apex-request";
import { findWorkspaces } from "@/lib/signup/find-workspaces";
import { findWorkspaceSchema } from "@/lib/signup/signup-schema";

/** "Find my workspace": always 202 with the same body; the links go by mail (see findWorkspaces). */
export const POST = apexRoute(
  async ({ body, facts }) => {
    const { message, pending } = await findWorkspaces(body.email, { ip: facts.ip });
    after(pending);
    return Response.json({ message }, { status: 202, headers: { "cache-control": "no-store" } });
  },
  { body: findWorkspaceSchema },
);
