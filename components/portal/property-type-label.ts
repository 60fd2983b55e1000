/** "townhouse" → "Townhouse": property types are stored as lower-case keys. */
export function propertyTypeLabel(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}
