import { issueAdminTokenRoute } from "@/lib/auth/issue-admin-token-route";

export const POST = issueAdminTokenRoute;
