package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.GrantDetails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Grant reads and the family revocation shared by the grant and refresh token repositories. */
final class GrantRows {
  static final String COLUMNS = "g.grant_id, g.client_id, g.user_id, g.scopes,"
      + " g.created_at AS grant_created_at, g.revoked_at AS grant_revoked_at,"
      + " g.auth_time, g.acr, g.amr, g.session_id, g.claims_request::text AS claims_request, g.resources";

  private GrantRows() {}

  static AuthorizationGrant map(ResultSet rs) throws SQLException {
    return new AuthorizationGrant(
        Rows.uuid(rs, "grant_id"),
        rs.getString("client_id"),
        Rows.uuid(rs, "user_id"),
        Rows.textSet(rs, "scopes"),
        Rows.instant(rs, "grant_created_at"),
        Rows.instant(rs, "grant_revoked_at"),
        new GrantDetails(
            Rows.instant(rs, "auth_time"),
            rs.getString("acr"),
            Rows.textList(rs, "amr"),
            rs.getString("session_id"),
            rs.getString("claims_request"),
            Rows.textList(rs, "resources")));
  }

  static Optional<AuthorizationGrant> find(Handle h, UUID grantId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM authorization_grants g WHERE g.grant_id = :grant_id")
        .bind("grant_id", grantId)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /**
   * Revokes a grant, its code and every refresh token of its family; keeps earlier revocation
   * times. Must run inside a transaction. False if the grant is unknown.
   */
  static boolean revokeFamily(Handle h, UUID grantId, Instant now) {
    int grants = h.createUpdate("UPDATE authorization_grants SET revoked_at = COALESCE(revoked_at, :now)"
            + " WHERE grant_id = :grant_id")
        .bind("grant_id", grantId)
        .bind("now", Rows.timestamp(now))
        .execute();
    if (grants == 0) {
      return false;
    }
    h.createUpdate("UPDATE authorization_codes SET revoked_at = :now"
            + " WHERE grant_id = :grant_id AND revoked_at IS NULL")
        .bind("grant_id", grantId)
        .bind("now", Rows.timestamp(now))
        .execute();
    h.createUpdate("UPDATE refresh_tokens SET revoked_at = :now"
            + " WHERE grant_id = :grant_id AND revoked_at IS NULL")
        .bind("grant_id", grantId)
        .bind("now", Rows.timestamp(now))
        .execute();
    return true;
  }
}
