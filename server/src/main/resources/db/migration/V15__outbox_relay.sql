-- The outbox relay (issue 5). Claiming keeps per-aggregate order by looking up earlier unpublished
-- rows of the same aggregate; retention deletes published rows by publication time.
CREATE INDEX outbox_events_unpublished_aggregate_idx
  ON outbox_events (aggregate_id, position) WHERE published_at IS NULL;
CREATE INDEX outbox_events_published_at_idx
  ON outbox_events (published_at) WHERE published_at IS NOT NULL;
