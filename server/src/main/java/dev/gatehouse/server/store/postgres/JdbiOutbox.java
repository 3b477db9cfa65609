package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import dev.gatehouse.server.store.OutboxQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link Outbox} on the {@code outbox_events} table. */
public final class JdbiOutbox implements Outbox {
  private static final String COLUMNS =
      "id, event_type, aggregate_id, payload::text AS payload, occurred_at, published_at";

  private final GuardedJdbi db;

  public JdbiOutbox(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void append(OutboxEvent e) {
    // withHandle joins the caller's transaction when there is one (see JdbiTransactions).
    db.useHandle(h -> h.createUpdate("INSERT INTO outbox_events"
            + " (id, event_type, aggregate_id, payload, occurred_at, published_at)"
            + " VALUES (:id, :event_type, :aggregate_id, CAST(:payload AS jsonb), :occurred_at, :published_at)")
        .bind("id", e.id())
        .bind("event_type", e.eventType())
        .bind("aggregate_id", e.aggregateId())
        .bind("payload", e.payload())
        .bind("occurred_at", Rows.timestamp(e.occurredAt()))
        .bind("published_at", Rows.timestamp(e.publishedAt()))
        .execute());
  }

  @Override
  public List<OutboxEvent> fetchUnpublished(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
    // The CTE locks a batch (SKIP LOCKED: rows another publisher holds are passed over). A row is
    // kept only if every earlier unpublished row of its aggregate is in the batch too; the others
    // stay locked until commit but are left for a later batch, so per-aggregate order holds
    // across publishers (outbox_events_unpublished_aggregate_idx serves the NOT EXISTS).
    return db.withHandle(h -> h.createQuery("WITH claimed AS MATERIALIZED ("
            + " SELECT position FROM outbox_events WHERE published_at IS NULL"
            + " ORDER BY position LIMIT :limit FOR UPDATE SKIP LOCKED)"
            + " SELECT " + COLUMNS + " FROM outbox_events o"
            + " WHERE o.position IN (SELECT position FROM claimed)"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_events e"
            + "   WHERE e.aggregate_id = o.aggregate_id AND e.published_at IS NULL"
            + "   AND e.position < o.position AND e.position NOT IN (SELECT position FROM claimed))"
            + " ORDER BY o.position")
        .bind("limit", limit)
        .map(JdbiOutbox::map)
        .list());
  }

  @Override
  public int markPublished(Collection<UUID> ids, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return db.withHandle(h -> h.createUpdate("UPDATE outbox_events SET published_at = :now"
            + " WHERE id = ANY(:ids) AND published_at IS NULL")
        .bindArray("ids", UUID.class, List.copyOf(ids))
        .bind("now", Rows.timestamp(now))
        .execute());
  }

  @Override
  public Backlog backlog() {
    // Both served by the partial index on unpublished rows; the oldest by position, not by a sort.
    return db.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM outbox_events"
            + " WHERE published_at IS NULL) AS events, (SELECT occurred_at FROM outbox_events"
            + " WHERE published_at IS NULL ORDER BY position LIMIT 1) AS oldest")
        .map((rs, ctx) -> new Backlog(rs.getLong("events"), Rows.instant(rs, "oldest")))
        .one());
  }

  @Override
  public int deletePublishedBefore(Instant cutoff, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return db.withHandle(h -> h.createUpdate("DELETE FROM outbox_events WHERE position IN"
            + " (SELECT position FROM outbox_events WHERE published_at < :cutoff"
            + " ORDER BY published_at LIMIT :limit FOR UPDATE SKIP LOCKED)")
        .bind("cutoff", Rows.timestamp(cutoff))
        .bind("limit", limit)
        .execute());
  }

  @Override
  public List<OutboxQuery.Found> search(OutboxQuery q) {
    // Plain SQL with bound values only; each filter is served by an index of V16 (or the primary
    // key for the position range), and the whole query walks position downwards.
    StringBuilder sql = new StringBuilder("SELECT position, " + COLUMNS + " FROM outbox_events WHERE TRUE");
    if (q.aggregateId() != null) {
      sql.append(" AND aggregate_id = :aggregate_id");
    }
    if (q.clientId() != null) {
      sql.append(" AND payload -> 'data' ->> 'client_id' = :client_id");
    }
    if (!q.eventTypes().isEmpty()) {
      sql.append(" AND event_type = ANY(:event_types)");
    }
    if (q.from() != null) {
      sql.append(" AND occurred_at >= :from");
    }
    if (q.to() != null) {
      sql.append(" AND occurred_at < :to");
    }
    if (q.beforePosition() != null) {
      sql.append(" AND position < :before");
    }
    sql.append(" ORDER BY position DESC LIMIT :limit");
    return db.withHandle(h -> {
      var query = h.createQuery(sql.toString()).bind("limit", q.limit());
      if (q.aggregateId() != null) {
        query.bind("aggregate_id", q.aggregateId());
      }
      if (q.clientId() != null) {
        query.bind("client_id", q.clientId());
      }
      if (!q.eventTypes().isEmpty()) {
        query.bindArray("event_types", String.class, List.copyOf(q.eventTypes()));
      }
      if (q.from() != null) {
        query.bind("from", Rows.timestamp(q.from()));
      }
      if (q.to() != null) {
        query.bind("to", Rows.timestamp(q.to()));
      }
      if (q.beforePosition() != null) {
        query.bind("before", q.beforePosition().longValue());
      }
      return query.map((rs, ctx) -> new OutboxQuery.Found(rs.getLong("position"), map(rs, ctx))).list();
    });
  }

  private static OutboxEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new OutboxEvent(
        Rows.uuid(rs, "id"),
        rs.getString("event_type"),
        rs.getString("aggregate_id"),
        rs.getString("payload"),
        Rows.instant(rs, "occurred_at"),
        Rows.instant(rs, "published_at"));
  }
}
