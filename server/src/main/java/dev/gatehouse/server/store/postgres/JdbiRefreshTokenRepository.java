package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.CodeConsumption.Reason;
import dev.gatehouse.server.store.RefreshToken;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RefreshTokenRotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link RefreshTokenRepository} on the {@code refresh_tokens} table. */
public final class JdbiRefreshTokenRepository implements RefreshTokenRepository {
  private static final String COLUMNS = "r.token_hash, r.grant_id, r.parent_hash, r.issued_at,"
      + " r.expires_at, r.rotated_at, r.successor_hash, COALESCE(r.revoked_at, g.revoked_at) AS revoked_at";

  private final GuardedJdbi db;

  public JdbiRefreshTokenRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void issue(RefreshToken token) {
    db.useHandle(h -> insert(h, token));
  }

  @Override
  public RefreshTokenRotation rotate(
      String oldHash, String newHash, Instant newExpiresAt, Instant now, Duration leeway) {
    if (leeway.isNegative()) {
      throw new IllegalArgumentException("leeway must not be negative");
    }
    return db.inTransaction(h -> {
      // OAuth 2.1 §4.3.1: one conditional UPDATE marks the old token rotated; concurrent callers
      // block on its row lock, re-check "rotated_at IS NULL" and fall through to the checks below.
      // The successor's INSERT and the grant's read ride in the same statement: one round trip.
      Optional<AuthorizationGrant> rotatedGrant = h.createQuery("WITH rotated AS ("
              + "UPDATE refresh_tokens r SET rotated_at = :now, successor_hash = :new_hash"
              + " FROM authorization_grants g WHERE r.token_hash = :old_hash AND g.grant_id = r.grant_id"
              + " AND r.rotated_at IS NULL AND r.revoked_at IS NULL AND g.revoked_at IS NULL"
              + " AND r.expires_at > :now RETURNING r.grant_id),"
              + " successor AS (INSERT INTO refresh_tokens (token_hash, grant_id, parent_hash, issued_at,"
              + " expires_at) SELECT :new_hash, grant_id, :old_hash, :now, :expires_at FROM rotated"
              + " RETURNING grant_id)"
              + " SELECT " + GrantRows.COLUMNS + " FROM authorization_grants g JOIN successor s"
              + " ON s.grant_id = g.grant_id")
          .bind("old_hash", oldHash)
          .bind("new_hash", newHash)
          .bind("now", Rows.timestamp(now))
          .bind("expires_at", Rows.timestamp(newExpiresAt))
          .map((rs, ctx) -> GrantRows.map(rs))
          .findOne();
      if (rotatedGrant.isPresent()) {
        AuthorizationGrant grant = rotatedGrant.get();
        return new RefreshTokenRotation.Rotated(grant, successor(newHash, grant.grantId(), oldHash, now, newExpiresAt));
      }
      return notRotated(h, oldHash, newHash, newExpiresAt, now, leeway);
    });
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    return db.withHandle(h -> find(h, tokenHash, false));
  }

  private static RefreshTokenRotation notRotated(
      Handle h, String oldHash, String newHash, Instant newExpiresAt, Instant now, Duration leeway) {
    // Lock the presented token so concurrent leeway/reuse decisions about it run one at a time.
    Optional<RefreshToken> found = find(h, oldHash, true);
    if (found.isEmpty()) {
      return new RefreshTokenRotation.Invalid(Reason.UNKNOWN);
    }
    RefreshToken old = found.get();
    if (old.revokedAt() != null) {
      return new RefreshTokenRotation.Invalid(Reason.REVOKED);
    }
    if (old.rotatedAt() == null) {
      return new RefreshTokenRotation.Invalid(Reason.EXPIRED);
    }
    if (now.isBefore(old.rotatedAt().plus(leeway)) && successorUnused(h, old.successorHash())) {
      // A concurrent refresh by the same client: issue a sibling of the successor, revoke nothing.
      RefreshToken issued = insert(h, successor(newHash, old.grantId(), oldHash, now, newExpiresAt));
      return new RefreshTokenRotation.RotatedWithinLeeway(grant(h, old.grantId()), issued);
    }
    // RFC 9700 §4.14.2: a rotated token came back, so one of its holders is not the client.
    // Revoke the whole family now, in this transaction.
    GrantRows.revokeFamily(h, old.grantId(), now);
    return new RefreshTokenRotation.Reused(old.grantId());
  }

  private static boolean successorUnused(Handle h, String successorHash) {
    return h.createQuery("SELECT rotated_at IS NULL AND revoked_at IS NULL FROM refresh_tokens"
            + " WHERE token_hash = :hash FOR UPDATE")
        .bind("hash", successorHash)
        .mapTo(Boolean.class)
        .findOne()
        .orElse(false);
  }

  private static RefreshToken successor(
      String newHash, UUID grantId, String parentHash, Instant now, Instant expiresAt) {
    return new RefreshToken(newHash, grantId, parentHash, now, expiresAt, null, null, null);
  }

  private static AuthorizationGrant grant(Handle h, UUID grantId) {
    return GrantRows.find(h, grantId).orElseThrow(() -> new IllegalStateException("grant vanished: " + grantId));
  }

  private static Optional<RefreshToken> find(Handle h, String tokenHash, boolean lock) {
    return h.createQuery("SELECT " + COLUMNS
            + " FROM refresh_tokens r JOIN authorization_grants g ON g.grant_id = r.grant_id"
            + " WHERE r.token_hash = :hash" + (lock ? " FOR UPDATE OF r" : ""))
        .bind("hash", tokenHash)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  private static RefreshToken insert(Handle h, RefreshToken t) {
    h.createUpdate("INSERT INTO refresh_tokens (token_hash, grant_id, parent_hash, issued_at, expires_at,"
            + " rotated_at, successor_hash, revoked_at) VALUES (:token_hash, :grant_id, :parent_hash,"
            + " :issued_at, :expires_at, :rotated_at, :successor_hash, :revoked_at)")
        .bind("token_hash", t.tokenHash())
        .bind("grant_id", t.grantId())
        .bind("parent_hash", t.parentHash())
        .bind("issued_at", Rows.timestamp(t.issuedAt()))
        .bind("expires_at", Rows.timestamp(t.expiresAt()))
        .bind("rotated_at", Rows.timestamp(t.rotatedAt()))
        .bind("successor_hash", t.successorHash())
        .bind("revoked_at", Rows.timestamp(t.revokedAt()))
        .execute();
    return t;
  }

  private static RefreshToken map(ResultSet rs) throws SQLException {
    return new RefreshToken(
        rs.getString("token_hash"),
        Rows.uuid(rs, "grant_id"),
        rs.getString("parent_hash"),
        Rows.instant(rs, "issued_at"),
        Rows.instant(rs, "expires_at"),
        Rows.instant(rs, "rotated_at"),
        rs.getString("successor_hash"),
        Rows.instant(rs, "revoked_at"));
  }
}
