package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.SigningKeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** {@link SigningKeyRepository} on PostgreSQL (table {@code signing_keys}, migration V10). */
public final class JdbiSigningKeyRepository implements SigningKeyRepository {
  /**
   * Key of the transaction-scoped advisory lock that serialises key rotation across nodes:
   * ASCII "gatekeys". Any other use of advisory locks in Gatehouse must pick a different key.
   */
  static final long ROTATION_LOCK = 0x6761_7465_6b65_7973L;

  private static final String COLUMNS =
      "kid, algorithm, created_at, activates_at, retires_at, expires_at,"
          + " public_jwk, encrypted_private_key";

  private final @Nullable Jdbi jdbi;
  private final @Nullable Handle handle;

  public JdbiSigningKeyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.handle = null;
  }

  /** A repository bound to one open transaction (inside {@link #tryWithRotationLock}). */
  private JdbiSigningKeyRepository(Handle handle) {
    this.jdbi = null;
    this.handle = handle;
  }

  @Override
  public void insert(SigningKeyRecord key) {
    run(h -> h.createUpdate("INSERT INTO signing_keys (kid, algorithm, created_at, activates_at,"
                + " retires_at, expires_at, public_jwk, encrypted_private_key) VALUES (:kid,"
                + " :algorithm, :createdAt, :activatesAt, :retiresAt, :expiresAt,"
                + " :publicJwk, :encryptedPrivateKey)")
            .bind("kid", key.kid())
            .bind("algorithm", key.algorithm())
            .bind("createdAt", timestamp(key.createdAt()))
            .bind("activatesAt", timestamp(key.activatesAt()))
            .bind("retiresAt", timestamp(key.retiresAt()))
            .bind("expiresAt", timestamp(key.expiresAt()))
            .bind("publicJwk", key.publicJwkJson())
            .bind("encryptedPrivateKey", key.encryptedPrivateKey())
            .execute());
  }

  @Override
  public List<SigningKeyRecord> listUnexpired(Instant now) {
    return run(h -> h.createQuery("SELECT " + COLUMNS + " FROM signing_keys"
                + " WHERE expires_at IS NULL OR expires_at > :now ORDER BY activates_at, created_at, kid")
            .bind("now", timestamp(now))
            .map(JdbiSigningKeyRepository::map)
            .list());
  }

  @Override
  public boolean retire(String kid, Instant retiresAt, Instant expiresAt) {
    return run(h -> h.createUpdate("UPDATE signing_keys SET retires_at = :retiresAt,"
                + " expires_at = :expiresAt WHERE kid = :kid")
            .bind("kid", kid)
            .bind("retiresAt", timestamp(retiresAt))
            .bind("expiresAt", timestamp(expiresAt))
            .execute()) == 1;
  }

  @Override
  public int deleteExpired(Instant now) {
    return run(h -> h.createUpdate("DELETE FROM signing_keys WHERE expires_at <= :now")
        .bind("now", timestamp(now))
        .execute());
  }

  @Override
  public <T> Optional<T> tryWithRotationLock(Function<SigningKeyRepository, T> work) {
    if (handle != null) {
      throw new IllegalStateException("already inside the rotation transaction");
    }
    return run(h -> h.inTransaction(tx -> {
      // Transaction-scoped: released at commit or rollback, also when the connection dies.
      boolean locked = tx.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
          .bind("key", ROTATION_LOCK)
          .mapTo(Boolean.class)
          .one();
      if (!locked) {
        return Optional.<T>empty();
      }
      return Optional.ofNullable(work.apply(new JdbiSigningKeyRepository(tx)));
    }));
  }

  private <R> R run(HandleCallback<R, RuntimeException> callback) {
    try {
      if (handle != null) {
        return callback.withHandle(handle);
      }
      return Objects.requireNonNull(jdbi).withHandle(callback);
    } catch (RuntimeException e) {
      // The one translation point (GuardedJdbi): connection failures -> StoreUnavailableException.
      throw GuardedJdbi.translate(e);
    }
  }

  private static SigningKeyRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SigningKeyRecord(
        rs.getString("kid"),
        rs.getString("algorithm"),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "activates_at"),
        instant(rs, "retires_at"),
        instant(rs, "expires_at"),
        rs.getString("public_jwk"),
        rs.getBytes("encrypted_private_key"));
  }

  private static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant(); // NOT NULL column
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Binds a {@code timestamptz} explicitly, independent of the JVM's default time zone. */
  private static Argument timestamp(@Nullable Instant instant) {
    return (position, statement, ctx) -> {
      if (instant == null) {
        statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
      }
    };
  }
}
