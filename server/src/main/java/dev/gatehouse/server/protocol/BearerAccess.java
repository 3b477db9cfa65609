package dev.gatehouse.server.protocol;

import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.RevokedAccessTokenRepository;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.VerifiedAccessToken;
import java.util.Locale;

/**
 * Guards this server's own protected resources (the admin API) with its own access tokens
 * (RFC 6750 §2.1 header only): {@link AccessTokens#verify} checks signature against the key
 * ring, {@code typ at+jwt}, {@code iss} and {@code exp}; then the token must not be revoked (its
 * grant, or by {@code jti} for client credentials, as introspection decides) and must carry the
 * required scope.
 */
public final class BearerAccess {
  private final AccessTokens accessTokens;
  private final AuthorizationGrantRepository grants;
  private final RevokedAccessTokenRepository revokedAccessTokens;

  public BearerAccess(AccessTokens accessTokens, AuthorizationGrantRepository grants,
      RevokedAccessTokenRepository revokedAccessTokens) {
    this.accessTokens = accessTokens;
    this.grants = grants;
    this.revokedAccessTokens = revokedAccessTokens;
  }

  /**
   * @param authorization the Authorization header, or {@code null}
   * @throws OAuthException {@code invalid_token} (401) for a missing, malformed, invalid,
   *     expired or revoked token; {@code insufficient_scope} (403) without {@code scope}
   */
  public VerifiedAccessToken require(String authorization, String scope) {
    if (authorization == null) {
      throw new OAuthException(OAuthError.INVALID_TOKEN, "An access token is required.");
    }
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")
        || authorization.substring(space + 1).isBlank()) {
      throw new OAuthException(OAuthError.INVALID_TOKEN, "The Authorization header must be 'Bearer <access token>'.");
    }
    VerifiedAccessToken token = accessTokens.verify(authorization.substring(space + 1).strip())
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "The access token is invalid or expired."));
    boolean revoked = token.hasGrant()
        ? grants.findById(token.grantId()).map(g -> g.isRevoked()).orElse(true)
        : revokedAccessTokens.isRevoked(token.jti());
    if (revoked) {
      throw new OAuthException(OAuthError.INVALID_TOKEN, "The access token has been revoked.");
    }
    if (!token.scopes().contains(scope)) {
      throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, "The access token lacks the " + scope + " scope.");
    }
    return token;
  }
}
