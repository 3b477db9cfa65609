package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.userinfo.UserClaims;
import dev.gatehouse.server.store.AuthorizationCode;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.CodeConsumption;
import dev.gatehouse.server.store.RefreshToken;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.IdTokens;
import dev.gatehouse.server.tokens.SecretHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6). Database round trips: consume the code (one
 * conditional UPDATE), store the first refresh token when the client has the refresh_token
 * grant, and read the user only when the claims request asks for user claims in the ID token.
 */
public final class AuthorizationCodeGrant implements Grant {
  private final AuthorizationGrantRepository grants;
  private final RefreshTokenRepository refreshTokens;
  private final UserRepository users;
  private final Transactions transactions;
  private final EventLog events;
  private final SecretHasher hasher;
  private final UserGrantTokens tokens;
  private final TokenSettings settings;
  private final Clock clock;

  public AuthorizationCodeGrant(AuthorizationGrantRepository grants, RefreshTokenRepository refreshTokens,
      UserRepository users, Transactions transactions, EventLog events, SecretHasher hasher,
      AccessTokens accessTokens, IdTokens idTokens,
      TokenSettings settings, Clock clock) {
    this.grants = grants;
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.transactions = transactions;
    this.events = events;
    this.hasher = hasher;
    this.tokens = new UserGrantTokens(accessTokens, idTokens, settings);
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String grantType() {
    return "authorization_code";
  }

  @Override
  public TokenResponse exchange(Map<String, String> parameters, RegisteredClient client) {
    String code = required(parameters, "code");
    // RFC 6749 §4.1.3: redirect_uri is "REQUIRED, if the "redirect_uri" parameter was included in
    // the authorization request" — and Gatehouse requires it in every authorization request.
    String redirectUri = required(parameters, "redirect_uri");
    String verifier = parameters.get("code_verifier");
    if (verifier != null) {
      Pkce.checkSyntax(verifier);
    }
    Instant now = clock.instant();
    CodeConsumption consumption = grants.consumeCode(hasher.hash(code), now);
    if (consumption instanceof CodeConsumption.Replayed replayed) {
      // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
      // MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based
      // on that authorization code." (see also §10.5)
      transactions.run(() -> {
        grants.revoke(replayed.grantId(), now);
        events.record(new AuthEvent.AuthorizationCodeReplayed(replayed.grantId().toString(), client.clientId(), now));
      });
      throw new OAuthException(OAuthError.INVALID_GRANT,
          "The authorization code has already been used; the tokens issued with it are revoked.");
    }
    if (!(consumption instanceof CodeConsumption.Consumed consumed)) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid, expired or revoked.");
    }
    AuthorizationGrant grant = consumed.grant();
    AuthorizationCode stored = consumed.code();
    // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated
    // confidential client, or if the client is public, ensure that the code was issued to
    // "client_id" in the request".
    if (!grant.clientId().equals(client.clientId())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "The authorization code was issued to another client.");
    }
    if (grant.userId() == null) {
      // Codes come from the authorization endpoint after a user authenticated; never without one.
      throw new OAuthException(OAuthError.INVALID_GRANT, "The authorization code has no user.");
    }
    // RFC 6749 §4.1.3: "ensure that the "redirect_uri" parameter is present ... and that their
    // values are identical."
    if (!stored.redirectUri().equals(redirectUri)) {
      throw new OAuthException(OAuthError.INVALID_GRANT,
          "redirect_uri does not match the one of the authorization request.");
    }
    Pkce.verify(stored, verifier, client.clientType() == ClientType.PUBLIC);

    String refreshToken = null;
    // A refresh token for every client registered for the refresh_token grant, public clients
    // included: they rotate on every use (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2).
    if (client.grantTypes().contains("refresh_token")) {
      refreshToken = SecretHasher.generateSecret();
      refreshTokens.issue(RefreshToken.first(hasher.hash(refreshToken), grant.grantId(), now,
          now.plus(settings.refreshTokenLifetime(client))));
    }
    User user = null;
    if (grant.scopes().contains("openid") && UserClaims.idTokenNeedsUser(grant.details().claimsRequest())) {
      user = users.findById(grant.userId()).orElse(null);
    }
    return tokens.issue(client, grant, grant.scopes(), parameters.get("resource"), stored.nonce(), refreshToken, user);
  }

  static String required(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, name + " is missing.");
    }
    return value;
  }
}
