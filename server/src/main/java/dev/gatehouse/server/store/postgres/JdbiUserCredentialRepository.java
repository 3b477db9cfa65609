package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.PasswordCredential;
import dev.gatehouse.server.store.UserCredentialRepository;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link UserCredentialRepository} on the {@code user_credentials} table. */
public final class JdbiUserCredentialRepository implements UserCredentialRepository {
  private static final String PASSWORD = "password";

  private final GuardedJdbi db;
  private final Clock clock;

  public JdbiUserCredentialRepository(Jdbi jdbi, Clock clock) {
    this.db = new GuardedJdbi(jdbi);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean setPasswordHash(UUID userId, String passwordHash) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    return db.withHandle(h -> h.createUpdate("INSERT INTO user_credentials (user_id, type, secret, updated_at)"
            + " SELECT id, :type, :secret, :now FROM users WHERE id = :user_id"
            + " ON CONFLICT (user_id, type) DO UPDATE"
            + " SET secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at")
        .bind("user_id", userId)
        .bind("type", PASSWORD)
        .bind("secret", passwordHash)
        .bind("now", Rows.timestamp(clock.instant()))
        .execute()) > 0;
  }

  @Override
  public Optional<PasswordCredential> findPasswordHash(UUID userId) {
    return db.withHandle(h -> h.createQuery("SELECT user_id, secret, updated_at FROM user_credentials"
            + " WHERE user_id = :user_id AND type = :type")
        .bind("user_id", userId)
        .bind("type", PASSWORD)
        .map((rs, ctx) -> new PasswordCredential(
            Rows.uuid(rs, "user_id"), rs.getString("secret"), Rows.instant(rs, "updated_at")))
        .findOne());
  }
}
