"use server";

import { brandingSettingsSchema } from "@/lib/branding/branding-schema";
import { updateBranding } from "@/lib/branding/update-branding";
import { tenantAction } from "@/lib/http/tenant-action";

export const saveBrandingAction = tenantAction({ permission: "settings:edit", input: brandingSettingsSchema }, ({ context, identity, input }) => updateBranding(context, identity, input));
