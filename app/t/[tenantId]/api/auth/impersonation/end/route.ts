import { endImpersonationRoute } from "@/lib/impersonation/impersonation-routes";

export const POST = endImpersonationRoute;
