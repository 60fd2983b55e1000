import { redeemHandoffRoute } from "@/lib/auth/handoff-routes";

export const GET = redeemHandoffRoute;
