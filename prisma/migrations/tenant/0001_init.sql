-- Runs once per tenant schema with search_path set to that schema only.
CREATE TABLE properties (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  address     text NOT NULL,
  price       numeric(14, 2) NOT NULL CHECK (price >= 0),
  status      text NOT NULL DEFAULT 'available'
              CHECK (status IN ('available', 'under_contract', 'sold', 'rented', 'off_market')),
  type        text NOT NULL CHECK (type IN ('house', 'apartment', 'condo', 'townhouse', 'land', 'commercial')),
  bedrooms    integer CHECK (bedrooms >= 0),
  bathrooms   numeric(4, 1) CHECK (bathrooms >= 0),
  area        numeric(10, 2) CHECK (area >= 0),
  description text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX properties_created_at_idx ON properties (created_at);
CREATE INDEX properties_status_idx ON properties (status);

CREATE TABLE transactions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  property_id uuid NOT NULL REFERENCES properties (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('sale', 'rent', 'deposit', 'fee', 'refund')),
  amount      numeric(14, 2) NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'cancelled')),
  occurred_at timestamptz(3) NOT NULL DEFAULT now(),
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX transactions_property_id_idx ON transactions (property_id);
CREATE INDEX transactions_status_idx ON transactions (status);
CREATE INDEX transactions_occurred_at_idx ON transactions (occurred_at);

CREATE TABLE documents (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  property_id  uuid REFERENCES properties (id) ON DELETE SET NULL,
  key          text NOT NULL UNIQUE,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL CHECK (size >= 0),
  uploader_id  uuid,
  created_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX documents_property_id_idx ON documents (property_id);
CREATE INDEX documents_created_at_idx ON documents (created_at);
