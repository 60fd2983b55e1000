-- Publishing to the portal, portal enquiries (leads), and indexes for the staff list at 10,000 rows.
ALTER TABLE properties ADD COLUMN published boolean NOT NULL DEFAULT false;
ALTER TABLE properties ADD COLUMN published_at timestamptz(3);
CREATE INDEX properties_published_created_at_idx ON properties (created_at DESC, id DESC) WHERE published;
CREATE INDEX properties_price_id_idx ON properties (price, id);
CREATE INDEX properties_status_created_at_idx ON properties (status, created_at DESC, id DESC);

ALTER TABLE transactions ADD COLUMN note text;
ALTER TABLE transactions ADD COLUMN completed_at timestamptz(3);
ALTER TABLE documents ADD COLUMN status text NOT NULL DEFAULT 'ready' CHECK (status IN ('uploading', 'ready'));

CREATE TABLE leads (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  property_id      uuid REFERENCES properties (id) ON DELETE SET NULL,
  name             text NOT NULL,
  email            text NOT NULL,
  phone            text,
  message          text NOT NULL,
  status           text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'handled')),
  customer_user_id uuid,
  ip               text,
  handled_at       timestamptz(3),
  handled_by       uuid,
  created_at       timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX leads_status_created_at_idx ON leads (status, created_at DESC);
CREATE INDEX leads_property_id_idx ON leads (property_id);
CREATE INDEX leads_customer_user_id_idx ON leads (customer_user_id);
