package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.AuthorizationCode;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.CodeConsumption;
import dev.gatehouse.server.store.GrantDetails;
import dev.gatehouse.server.store.CodeConsumption.Reason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link AuthorizationGrantRepository} on {@code authorization_grants} and {@code authorization_codes}. */
public final class JdbiAuthorizationGrantRepository implements AuthorizationGrantRepository {
  private static final String CODE_COLUMNS = "c.code_hash, c.grant_id, c.redirect_uri, c.code_challenge,"
      + " c.code_challenge_method, c.nonce, c.expires_at, c.consumed_at, c.revoked_at";

  private final GuardedJdbi db;

  public JdbiAuthorizationGrantRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void save(AuthorizationGrant grant) {
    db.useHandle(h -> insertGrant(h, grant));
  }

  @Override
  public void save(AuthorizationGrant grant, AuthorizationCode code) {
    if (!code.grantId().equals(grant.grantId())) {
      throw new IllegalArgumentException("the code belongs to another grant");
    }
    db.inTransaction(h -> {
      insertGrant(h, grant);
      h.createUpdate("INSERT INTO authorization_codes (code_hash, grant_id, redirect_uri,"
              + " code_challenge, code_challenge_method, nonce, expires_at, consumed_at, revoked_at)"
              + " VALUES (:code_hash, :grant_id, :redirect_uri, :code_challenge,"
              + " :code_challenge_method, :nonce, :expires_at, :consumed_at, :revoked_at)")
          .bind("code_hash", code.codeHash())
          .bind("grant_id", code.grantId())
          .bind("redirect_uri", code.redirectUri())
          .bind("code_challenge", code.codeChallenge())
          .bind("code_challenge_method", code.codeChallengeMethod())
          .bind("nonce", code.nonce())
          .bind("expires_at", Rows.timestamp(code.expiresAt()))
          .bind("consumed_at", Rows.timestamp(code.consumedAt()))
          .bind("revoked_at", Rows.timestamp(code.revokedAt()))
          .execute();
      return null;
    });
  }

  @Override
  public Optional<AuthorizationGrant> findById(UUID grantId) {
    return db.withHandle(h -> GrantRows.find(h, grantId));
  }

  @Override
  public CodeConsumption consumeCode(String codeHash, Instant now) {
    return db.inTransaction(h -> {
      // One conditional UPDATE decides the race: a concurrent consumer blocks on the row lock,
      // then re-checks "consumed_at IS NULL" against the committed row and matches nothing.
      Optional<CodeConsumption> consumed = h.createQuery("UPDATE authorization_codes c"
              + " SET consumed_at = :now FROM authorization_grants g"
              + " WHERE c.code_hash = :code_hash AND g.grant_id = c.grant_id"
              + " AND c.consumed_at IS NULL AND c.revoked_at IS NULL AND g.revoked_at IS NULL"
              + " AND c.expires_at > :now"
              + " RETURNING " + CODE_COLUMNS + ", " + GrantRows.COLUMNS)
          .bind("code_hash", codeHash)
          .bind("now", Rows.timestamp(now))
          .map((rs, ctx) -> (CodeConsumption) new CodeConsumption.Consumed(GrantRows.map(rs), mapCode(rs)))
          .findOne();
      return consumed.orElseGet(() -> whyNotConsumed(h, codeHash, now));
    });
  }

  @Override
  public boolean revoke(UUID grantId, Instant now) {
    return db.inTransaction(h -> GrantRows.revokeFamily(h, grantId, now));
  }

  private static CodeConsumption whyNotConsumed(Handle h, String codeHash, Instant now) {
    return h.createQuery("SELECT " + CODE_COLUMNS + ", " + GrantRows.COLUMNS
            + " FROM authorization_codes c JOIN authorization_grants g ON g.grant_id = c.grant_id"
            + " WHERE c.code_hash = :code_hash")
        .bind("code_hash", codeHash)
        .map((rs, ctx) -> {
          AuthorizationCode code = mapCode(rs);
          AuthorizationGrant grant = GrantRows.map(rs);
          if (code.consumedAt() != null) {
            // RFC 6749 §4.1.2: a second use of a code; the caller revokes what it issued.
            return (CodeConsumption) new CodeConsumption.Replayed(grant.grantId());
          }
          if (code.revokedAt() != null || grant.isRevoked()) {
            return new CodeConsumption.Invalid(Reason.REVOKED);
          }
          if (!now.isBefore(code.expiresAt())) {
            return new CodeConsumption.Invalid(Reason.EXPIRED);
          }
          // Unreachable unless the row changed between the two statements.
          return new CodeConsumption.Invalid(Reason.UNKNOWN);
        })
        .findOne()
        .orElseGet(() -> new CodeConsumption.Invalid(Reason.UNKNOWN));
  }

  private static void insertGrant(Handle h, AuthorizationGrant grant) {
    GrantDetails d = grant.details();
    h.createUpdate("INSERT INTO authorization_grants (grant_id, client_id, user_id, scopes, created_at,"
            + " revoked_at, auth_time, acr, amr, session_id, claims_request, resources)"
            + " VALUES (:grant_id, :client_id, CAST(:user_id AS uuid), :scopes, :created_at, :revoked_at,"
            + " :auth_time, :acr, :amr, :session_id, CAST(:claims_request AS jsonb), :resources)")
        .bind("auth_time", Rows.timestamp(d.authTime()))
        .bind("acr", d.acr())
        .bindArray("amr", String.class, d.amr())
        .bind("session_id", d.sessionId())
        .bind("claims_request", d.claimsRequest())
        .bindArray("resources", String.class, d.resources())
        .bind("grant_id", grant.grantId())
        .bind("client_id", grant.clientId())
        .bind("user_id", grant.userId())
        .bindArray("scopes", String.class, Rows.sorted(grant.scopes()))
        .bind("created_at", Rows.timestamp(grant.createdAt()))
        .bind("revoked_at", Rows.timestamp(grant.revokedAt()))
        .execute();
  }

  private static AuthorizationCode mapCode(ResultSet rs) throws SQLException {
    return new AuthorizationCode(
        rs.getString("code_hash"),
        Rows.uuid(rs, "grant_id"),
        rs.getString("redirect_uri"),
        rs.getString("code_challenge"),
        rs.getString("code_challenge_method"),
        rs.getString("nonce"),
        Rows.instant(rs, "expires_at"),
        Rows.instant(rs, "consumed_at"),
        Rows.instant(rs, "revoked_at"));
  }
}
