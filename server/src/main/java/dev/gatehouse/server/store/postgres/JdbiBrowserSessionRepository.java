package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.BrowserSession;
import dev.gatehouse.server.store.BrowserSessionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link BrowserSessionRepository} on the {@code browser_sessions} table. */
public final class JdbiBrowserSessionRepository implements BrowserSessionRepository {
  private static final String COLUMNS = "id_hash, user_id, created_at, authenticated_at, expires_at,"
      + " last_seen_at, amr, acr, ended_at";

  private final GuardedJdbi db;
  private final Clock clock;

  public JdbiBrowserSessionRepository(Jdbi jdbi, Clock clock) {
    this.db = new GuardedJdbi(jdbi);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void create(BrowserSession s) {
    db.useHandle(h -> h.createUpdate("INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (:id_hash,"
            + " :user_id, :created_at, :authenticated_at, :expires_at, :last_seen_at, :amr, :acr, :ended_at)")
        .bind("id_hash", s.idHash())
        .bind("user_id", s.userId())
        .bind("created_at", Rows.timestamp(s.createdAt()))
        .bind("authenticated_at", Rows.timestamp(s.authenticatedAt()))
        .bind("expires_at", Rows.timestamp(s.expiresAt()))
        .bind("last_seen_at", Rows.timestamp(s.lastSeenAt()))
        .bindArray("amr", String.class, s.amr())
        .bind("acr", s.acr())
        .bind("ended_at", Rows.timestamp(s.endedAt()))
        .execute());
  }

  @Override
  public Optional<BrowserSession> findActive(String idHash, Instant now) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM browser_sessions"
            + " WHERE id_hash = :id_hash AND ended_at IS NULL AND expires_at > :now")
        .bind("id_hash", idHash)
        .bind("now", Rows.timestamp(now))
        .map(JdbiBrowserSessionRepository::map)
        .findOne());
  }

  @Override
  public boolean touch(String idHash, Instant now, Instant newExpiresAt) {
    return db.withHandle(h -> h.createUpdate("UPDATE browser_sessions"
            + " SET last_seen_at = :now, expires_at = :expires_at"
            + " WHERE id_hash = :id_hash AND ended_at IS NULL AND expires_at > :now")
        .bind("id_hash", idHash)
        .bind("now", Rows.timestamp(now))
        .bind("expires_at", Rows.timestamp(newExpiresAt))
        .execute()) > 0;
  }

  @Override
  public boolean end(String idHash) {
    return db.withHandle(h -> h.createUpdate("UPDATE browser_sessions SET ended_at = :now"
            + " WHERE id_hash = :id_hash AND ended_at IS NULL")
        .bind("id_hash", idHash)
        .bind("now", Rows.timestamp(clock.instant()))
        .execute()) > 0;
  }

  @Override
  public int endAllForUser(UUID userId) {
    return db.withHandle(h -> h.createUpdate("UPDATE browser_sessions SET ended_at = :now"
            + " WHERE user_id = :user_id AND ended_at IS NULL")
        .bind("user_id", userId)
        .bind("now", Rows.timestamp(clock.instant()))
        .execute());
  }

  private static BrowserSession map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new BrowserSession(
        rs.getString("id_hash"),
        Rows.uuid(rs, "user_id"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "authenticated_at"),
        Rows.instant(rs, "expires_at"),
        Rows.instant(rs, "last_seen_at"),
        Rows.textList(rs, "amr"),
        rs.getString("acr"),
        Rows.instant(rs, "ended_at"));
  }
}
