-- The lead workflow: a status staff set (new → contacted → handled, or closed), an assignee (a staff
-- user's id) and notes. Existing leads keep their status ('new' or 'handled') and have no assignee.
ALTER TABLE leads DROP CONSTRAINT IF EXISTS leads_status_check;
ALTER TABLE leads ADD CONSTRAINT leads_status_check CHECK (status IN ('new', 'contacted', 'handled', 'closed'));
ALTER TABLE leads ADD COLUMN assignee_id uuid;
ALTER TABLE leads ADD COLUMN updated_at timestamptz(3);
CREATE INDEX leads_assignee_id_idx ON leads (assignee_id);

CREATE TABLE lead_notes (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lead_id    uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  author_id  uuid,
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX lead_notes_lead_id_created_at_idx ON lead_notes (lead_id, created_at);
