-- Transactional outbox (DESIGN.md §4.10): events are appended in the transaction that changes the
-- state and published later. "position" gives a stable order for publishers.
CREATE TABLE outbox_events (
  position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           uuid NOT NULL UNIQUE,
  event_type   text NOT NULL CHECK (event_type <> ''),
  aggregate_id text NOT NULL,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL,
  published_at timestamptz
);
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (position) WHERE published_at IS NULL;
