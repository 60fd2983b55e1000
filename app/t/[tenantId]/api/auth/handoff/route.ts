import { startHandoffRoute } from "@/lib/auth/handoff-routes";

export const GET = startHandoffRoute;
