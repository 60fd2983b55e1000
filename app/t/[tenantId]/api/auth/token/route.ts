import { issueTokenRoute } from "@/lib/auth/issue-token-route";

export const POST = issueTokenRoute;
