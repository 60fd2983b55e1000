import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import { emailSchema } from "@/lib/tenants/tenant-input";

export const inviteMemberSchema = z.object({ email: emailSchema, role: z.enum(STAFF_ROLES) });
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const changeRoleSchema = z.object({ role: z.enum(STAFF_ROLES) });

export interface MemberView {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  createdAt: string;
}
