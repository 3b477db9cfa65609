package dev.gatehouse.server.protocol.revoke;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.token.AuthenticatedClient;
import dev.gatehouse.server.protocol.token.ClientAuthenticator;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.RefreshToken;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RevokedAccessTokenRepository;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.tokens.VerifiedAccessToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Token revocation (RFC 7009). A refresh token revokes its grant: the whole family and every
 * access token of the grant (§2.1: "If the particular token is a refresh token and the
 * authorization server supports the revocation of access tokens, then the authorization server
 * SHOULD also invalidate all access tokens based on the same authorization grant"). An access
 * token of a grant revokes that grant too (§2.1 allows it: "the authorization server MAY revoke
 * the respective refresh token as well"); a client-credentials access token is put on the
 * revoked list until it expires.
 */
public final class RevocationEndpoint {
  private final ClientAuthenticator authenticator;
  private final AccessTokens accessTokens;
  private final AuthorizationGrantRepository grants;
  private final RefreshTokenRepository refreshTokens;
  private final RevokedAccessTokenRepository revokedAccessTokens;
  private final Transactions transactions;
  private final EventLog events;
  private final SecretHasher hasher;
  private final Clock clock;

  public RevocationEndpoint(ClientAuthenticator authenticator, AccessTokens accessTokens,
      AuthorizationGrantRepository grants, RefreshTokenRepository refreshTokens,
      RevokedAccessTokenRepository revokedAccessTokens, Transactions transactions, EventLog events,
      SecretHasher hasher, Clock clock) {
    this.authenticator = authenticator;
    this.accessTokens = accessTokens;
    this.grants = grants;
    this.refreshTokens = refreshTokens;
    this.revokedAccessTokens = revokedAccessTokens;
    this.transactions = transactions;
    this.events = events;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** Returns normally for 200 (§2.2: also for unknown or already invalid tokens). */
  public void handle(Map<String, String> parameters, String authorization) {
    AuthenticatedClient caller = authenticator.authenticate(parameters, authorization);
    String token = parameters.get("token");
    if (token == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "token is missing (RFC 7009 §2.1).");
    }
    // §2.1 token_type_hint: "If the server is unable to locate the token using the given hint, it
    // MUST extend its search across all of its supported token types." The token's shape tells
    // the two kinds apart (a JWT has dots, a refresh token never does), so the hint is not needed.
    if (token.indexOf('.') > 0) {
      accessToken(token, caller.clientId());
    } else {
      refreshToken(token, caller.clientId());
    }
  }

  private void accessToken(String token, String caller) {
    Optional<VerifiedAccessToken> verified = accessTokens.verify(token);
    if (verified.isEmpty()) {
      return; // §2.2: "invalid tokens do not cause an error response"
    }
    VerifiedAccessToken t = verified.get();
    checkOwner(t.clientId(), caller);
    if (t.hasGrant()) {
      revokeGrant(t.grantId(), caller, "access_token_revoked");
    } else {
      Instant now = clock.instant();
      transactions.run(() -> {
        revokedAccessTokens.revoke(t.jti(), t.clientId(), t.expiresAt());
        events.record(new AuthEvent.AccessTokenRevoked(t.jti(), t.clientId(), t.expiresAt(), now));
      });
    }
  }

  private void refreshToken(String token, String caller) {
    Optional<RefreshToken> found = refreshTokens.findByHash(hasher.hash(token));
    if (found.isEmpty()) {
      return;
    }
    Optional<AuthorizationGrant> grant = grants.findById(found.get().grantId());
    if (grant.isEmpty() || grant.get().isRevoked()) {
      return;
    }
    checkOwner(grant.get().clientId(), caller);
    revokeGrant(grant.get().grantId(), caller, "refresh_token_revoked");
  }

  /**
   * §2.1: "The authorization server first validates the client credentials ... and then verifies
   * whether the token was issued to the client making the revocation request. If this validation
   * fails, the request is refused and the client is informed of the error" — invalid_grant, whose
   * RFC 6749 §5.2 definition covers a grant "issued to another client".
   */
  private static void checkOwner(String owner, String caller) {
    if (!owner.equals(caller)) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "The token was not issued to this client.");
    }
  }

  private void revokeGrant(UUID grantId, String clientId, String reason) {
    Instant now = clock.instant();
    transactions.run(() -> {
      grants.revoke(grantId, now);
      events.record(new AuthEvent.TokenRevoked(grantId.toString(), clientId, reason, now));
    });
  }
}
