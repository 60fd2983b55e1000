"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteDocument } from "@/lib/documents/delete-document";
import { tenantAction } from "@/lib/http/tenant-action";
import { deleteProperty } from "@/lib/properties/delete-property";
import { LISTING_PHOTOS_MAX, setListingPhotos } from "@/lib/properties/set-listing-photos";
import { propertyInputSchema } from "@/lib/properties/property-schema";
import { updateProperty } from "@/lib/properties/update-property";

export const setPublishedAction = tenantAction({ permission: "property:edit", input: z.object({ id: z.string(), published: z.boolean() }) }, ({ context, identity, input }) =>
  updateProperty(context, identity, input.id, { published: input.published }),
);

/** The edit form sends every field but `published`, which the publish button owns. */
export const updatePropertyAction = tenantAction(
  { permission: "property:edit", input: propertyInputSchema.omit({ published: true }).extend({ id: z.string() }) },
  ({ context, identity, input: { id, ...changes } }) => updateProperty(context, identity, id, changes),
);

export const deleteDocumentAction = tenantAction({ permission: "document:delete", input: z.object({ id: z.string() }) }, ({ context, identity, input }) =>
  deleteDocument(context, identity, input.id),
);

const deletePropertyById = tenantAction({ permission: "property:delete", input: z.object({ id: z.string() }) }, ({ context, identity, input }) => deleteProperty(context, identity, input.id));

export async function deletePropertyAction(input: { id: string }): Promise<{ ok: false; message: string } | undefined> {
  const result = await deletePropertyById(input);
  if (!result.ok) return { ok: false, message: result.error.message };
  redirect("/dashboard");
}

export const setListingPhotosAction = tenantAction(
  { permission: "property:edit", input: z.object({ propertyId: z.string(), documentIds: z.array(z.string()).max(LISTING_PHOTOS_MAX) }) },
  ({ context, identity, input }) => setListingPhotos(context, identity, input.propertyId, input.documentIds),
);
