-- Keyset pagination for each sort of the staff property list: (sort key, id) in the list's order.
DROP INDEX IF EXISTS properties_created_at_idx;
CREATE INDEX properties_created_at_id_idx ON properties (created_at DESC, id DESC);
CREATE INDEX properties_name_id_idx ON properties (name, id);
