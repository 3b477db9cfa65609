package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.PendingAuthorization;
import dev.gatehouse.server.store.PendingAuthorizationRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link PendingAuthorizationRepository} on the {@code pending_authorizations} table. */
public final class JdbiPendingAuthorizationRepository implements PendingAuthorizationRepository {
  private static final String COLUMNS =
      "id_hash, client_id, request, csrf_hash, browser_hash, user_id, created_at, expires_at";

  private final GuardedJdbi db;

  public JdbiPendingAuthorizationRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void create(PendingAuthorization p) {
    db.useHandle(h -> h.createUpdate("INSERT INTO pending_authorizations (" + COLUMNS + ") VALUES"
            + " (:id_hash, :client_id, CAST(:request AS jsonb), :csrf_hash, :browser_hash, CAST(:user_id AS uuid),"
            + " :created_at, :expires_at)")
        .bind("id_hash", p.idHash())
        .bind("client_id", p.clientId())
        .bind("request", p.request())
        .bind("csrf_hash", p.csrfHash())
        .bind("browser_hash", p.browserHash())
        .bind("user_id", p.userId())
        .bind("created_at", Rows.timestamp(p.createdAt()))
        .bind("expires_at", Rows.timestamp(p.expiresAt()))
        .execute());
  }

  @Override
  public Optional<PendingAuthorization> findActive(String idHash, Instant now) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pending_authorizations"
            + " WHERE id_hash = :id_hash AND expires_at > :now")
        .bind("id_hash", idHash)
        .bind("now", Rows.timestamp(now))
        .map(JdbiPendingAuthorizationRepository::map)
        .findOne());
  }

  @Override
  public boolean setUser(String idHash, UUID userId, Instant now) {
    return db.withHandle(h -> h.createUpdate("UPDATE pending_authorizations SET user_id = :user_id"
            + " WHERE id_hash = :id_hash AND expires_at > :now")
        .bind("id_hash", idHash)
        .bind("user_id", userId)
        .bind("now", Rows.timestamp(now))
        .execute()) > 0;
  }

  @Override
  public Optional<PendingAuthorization> consume(String idHash, Instant now) {
    return db.withHandle(h -> h.createQuery("DELETE FROM pending_authorizations"
            + " WHERE id_hash = :id_hash AND expires_at > :now RETURNING " + COLUMNS)
        .bind("id_hash", idHash)
        .bind("now", Rows.timestamp(now))
        .map(JdbiPendingAuthorizationRepository::map)
        .findOne());
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.withHandle(h -> h.createUpdate("DELETE FROM pending_authorizations WHERE expires_at <= :now")
        .bind("now", Rows.timestamp(now))
        .execute());
  }

  private static PendingAuthorization map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PendingAuthorization(
        rs.getString("id_hash"),
        rs.getString("client_id"),
        rs.getString("request"),
        rs.getString("csrf_hash"),
        rs.getString("browser_hash"),
        Rows.uuid(rs, "user_id"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "expires_at"));
  }
}
