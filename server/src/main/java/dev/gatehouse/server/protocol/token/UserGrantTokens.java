package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.userinfo.UserClaims;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.GrantDetails;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.tokens.AccessTokenClaims;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.IdTokenClaims;
import dev.gatehouse.server.tokens.IdTokens;
import dev.gatehouse.server.tokens.IssuedAccessToken;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tokens of a grant a user authorized, shared by the authorization code and refresh token
 * grants so both say the same: an access token whose {@code gid} names the grant and that repeats
 * auth_time/acr/amr/sid from {@link GrantDetails}, and an ID token when {@code openid} is in scope.
 */
final class UserGrantTokens {
  private final AccessTokens accessTokens;
  private final IdTokens idTokens;
  private final TokenSettings settings;

  UserGrantTokens(AccessTokens accessTokens, IdTokens idTokens, TokenSettings settings) {
    this.accessTokens = accessTokens;
    this.idTokens = idTokens;
    this.settings = settings;
  }

  /**
   * @param user the user's row when the ID token asks for user claims, else {@code null}
   * @param nonce the authorization request's nonce (code exchange only), or {@code null}
   * @param refreshToken the raw refresh token to hand out, or {@code null}
   */
  TokenResponse issue(RegisteredClient client, AuthorizationGrant grant, Set<String> scopes, String resource,
      String nonce, String refreshToken, User user) {
    GrantDetails d = grant.details();
    List<String> audience = Audience.choose(resource, d.resources(), settings.issuer());
    Duration lifetime = settings.accessTokenLifetime(client);
    String subject = grant.userId().toString();
    IssuedAccessToken accessToken = accessTokens.mint(new AccessTokenClaims(subject, client.clientId(), audience,
        scopes, d.authTime(), d.acr(), d.amr(), d.sessionId(), grant.grantId()), lifetime);
    String idToken = null;
    if (scopes.contains("openid")) {
      Map<String, Object> userClaims = user == null ? Map.of() : UserClaims.forIdToken(user, d.claimsRequest());
      SigningAlgorithm alg = SigningAlgorithm.fromJoseName(client.idTokenSignedResponseAlg());
      if (!settings.signingAlgorithms().contains(alg.joseName())) {
        throw new OAuthException(OAuthError.SERVER_ERROR, "This server has no " + alg.joseName()
            + " key for the client's id_token_signed_response_alg; an operator must fix the registration.");
      }
      idToken = idTokens.mint(new IdTokenClaims(subject, client.clientId(), d.authTime(), nonce, d.acr(), d.amr(),
          d.sessionId(), accessToken.value(), userClaims), alg, settings.idTokenLifetime(client));
    }
    return new TokenResponse(accessToken.value(), lifetime.getSeconds(), Scopes.format(scopes), refreshToken, idToken);
  }
}
