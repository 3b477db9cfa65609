package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.ClientAssertionJtiRepository;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** {@link ClientAssertionJtiRepository} on {@code client_assertion_jtis}. */
public final class JdbiClientAssertionJtiRepository implements ClientAssertionJtiRepository {
  private final GuardedJdbi db;

  public JdbiClientAssertionJtiRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public boolean markUsed(String clientId, String jti, Instant expiresAt, Instant now) {
    // One statement, one round trip: forget expired entries (so an expired duplicate does not
    // block), then insert unless present. ON CONFLICT decides concurrent inserts atomically.
    return db.withHandle(h -> h.createQuery("WITH expired AS ("
            + " DELETE FROM client_assertion_jtis WHERE expires_at <= :now"
            + " AND NOT (client_id = :client_id AND jti = :jti))"
            + " INSERT INTO client_assertion_jtis (client_id, jti, expires_at)"
            + " VALUES (:client_id, :jti, :expires_at)"
            + " ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = EXCLUDED.expires_at"
            + " WHERE client_assertion_jtis.expires_at <= :now"
            + " RETURNING true")
        .bind("client_id", clientId)
        .bind("jti", jti)
        .bind("expires_at", Rows.timestamp(expiresAt))
        .bind("now", Rows.timestamp(now))
        .mapTo(Boolean.class)
        .findOne()
        .isPresent());
  }
}
