-- Listing photos are chosen explicitly: a document is public only when staff put it on its property's
-- listing (listing_position not null; position 0 is the cover). Existing documents, images included,
-- get NULL and stay private.
ALTER TABLE documents ADD COLUMN listing_position integer CHECK (listing_position IS NULL OR listing_position >= 0);
CREATE UNIQUE INDEX documents_property_listing_position_idx ON documents (property_id, listing_position) WHERE listing_position IS NOT NULL;
