-- Portal listing views, counted per property per UTC day, for advanced analytics (views and
-- enquiries per listing). A property's counts go with it.
CREATE TABLE property_views (
  property_id uuid NOT NULL REFERENCES properties (id) ON DELETE CASCADE,
  day         date NOT NULL,
  views       integer NOT NULL CHECK (views > 0),
  PRIMARY KEY (property_id, day)
);
