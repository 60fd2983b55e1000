/** Where the portal serves a listing photo: on the tenant's own host, so the Host decides whose photo it can be. */
export function portalPhotoPath(documentId: string): string {
  return `/api/portal/photos/${documentId}`;
}
