export interface DocumentView {
  id: string;
  propertyId: string | null;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
}
