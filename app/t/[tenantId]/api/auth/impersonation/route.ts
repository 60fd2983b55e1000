import { redeemImpersonationRoute } from "@/lib/impersonation/impersonation-routes";

export const GET = redeemImpersonationRoute;
