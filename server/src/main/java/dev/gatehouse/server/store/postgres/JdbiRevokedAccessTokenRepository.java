package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.RevokedAccessTokenRepository;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** {@link RevokedAccessTokenRepository} on {@code revoked_access_tokens}. */
public final class JdbiRevokedAccessTokenRepository implements RevokedAccessTokenRepository {
  private final GuardedJdbi db;

  public JdbiRevokedAccessTokenRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void revoke(String jti, String clientId, Instant expiresAt) {
    db.useHandle(h -> h.createUpdate("INSERT INTO revoked_access_tokens (jti, client_id, expires_at)"
            + " VALUES (:jti, :client_id, :expires_at) ON CONFLICT (jti) DO NOTHING")
        .bind("jti", jti)
        .bind("client_id", clientId)
        .bind("expires_at", Rows.timestamp(expiresAt))
        .execute());
  }

  @Override
  public boolean isRevoked(String jti) {
    return db.withHandle(h -> h.createQuery("SELECT 1 FROM revoked_access_tokens WHERE jti = :jti")
        .bind("jti", jti)
        .mapTo(Integer.class)
        .findOne()
        .isPresent());
  }
}
