package dev.gatehouse.server.protocol.userinfo;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.VerifiedAccessToken;
import java.util.Locale;
import java.util.Map;

/**
 * The UserInfo endpoint (OIDC Core §5.3), an OAuth protected resource (RFC 6750). Two database
 * round trips: the grant (revoked?) and the user.
 */
public final class UserInfoEndpoint {
  private final AccessTokens accessTokens;
  private final AuthorizationGrantRepository grants;
  private final UserRepository users;

  public UserInfoEndpoint(AccessTokens accessTokens, AuthorizationGrantRepository grants, UserRepository users) {
    this.accessTokens = accessTokens;
    this.grants = grants;
    this.users = users;
  }

  /**
   * @param authorization the Authorization header or {@code null}
   * @param form the form body of a POST ({@code access_token}, RFC 6750 §2.2), empty for GET
   */
  public Map<String, Object> handle(String authorization, Map<String, String> form) {
    String token = bearerToken(authorization, form);
    VerifiedAccessToken verified = accessTokens.verify(token)
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "The access token is invalid or expired."));
    // OIDC Core §5.3.1: the access token must have been obtained with the openid scope.
    if (!verified.scopes().contains("openid") || !verified.hasGrant()) {
      throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, "The access token lacks the openid scope.");
    }
    AuthorizationGrant grant = grants.findById(verified.grantId())
        .filter(g -> !g.isRevoked())
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "The access token has been revoked."));
    User user = users.findById(grant.userId())
        .filter(u -> u.status() == UserStatus.ACTIVE)
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "The user is no longer active."));
    // OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match
    // the sub Claim in the ID Token" — both are the user id.
    return UserClaims.forUserInfo(user, verified.scopes(), grant.details().claimsRequest());
  }

  /** RFC 6750 §2.1 (header) or §2.2 (form body); exactly one of them (§2: "MUST NOT use more than one method"). */
  static String bearerToken(String authorization, Map<String, String> form) {
    String fromForm = form.get("access_token");
    String fromHeader = null;
    if (authorization != null) {
      int space = authorization.indexOf(' ');
      if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "The Authorization header must use the Bearer scheme.");
      }
      fromHeader = authorization.substring(space + 1).strip();
      if (fromHeader.isEmpty()) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "The Bearer token is empty.");
      }
    }
    if (fromHeader != null && fromForm != null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The access token was sent both in the header and in the body (RFC 6750 §2).");
    }
    if (fromHeader == null && fromForm == null) {
      throw new OAuthException(OAuthError.INVALID_TOKEN, "An access token is required.");
    }
    return fromHeader != null ? fromHeader : fromForm;
  }
}
