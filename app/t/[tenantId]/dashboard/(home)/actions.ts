"use server";

import { redirect } from "next/navigation";
import { currentIdentity } from "@/lib/auth/page-identity";
import { signOutEverywhere } from "@/lib/auth/set-password";
import { tenantAction } from "@/lib/http/tenant-action";
import { createProperty } from "@/lib/properties/create-property";
import { propertyInputSchema } from "@/lib/properties/property-schema";

export const createPropertyAction = tenantAction({ permission: "property:create", input: propertyInputSchema }, ({ context, identity, input }) => createProperty(context, identity, input));

export async function signOutEverywhereAction(): Promise<void> {
  const identity = await currentIdentity();
  if (identity) await signOutEverywhere(identity.userId, identity.tenantId);
  redirect("/login");
}
