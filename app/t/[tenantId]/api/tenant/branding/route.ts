import { brandingRoute } from "@/lib/branding/branding-route";

export const GET = brandingRoute;
