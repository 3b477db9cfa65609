-- The audit log API (issue 5): GET /admin/audit/events filters by aggregate, client, type and
-- time, newest first by position (keyset pagination). Each filter gets an index that also yields
-- position order, so a page is an index range scan rather than a sort of the whole outbox.
CREATE INDEX outbox_events_aggregate_position_idx ON outbox_events (aggregate_id, position);
CREATE INDEX outbox_events_client_position_idx
  ON outbox_events ((payload -> 'data' ->> 'client_id'), position);
CREATE INDEX outbox_events_type_position_idx ON outbox_events (event_type, position);
CREATE INDEX outbox_events_occurred_at_idx ON outbox_events (occurred_at);
