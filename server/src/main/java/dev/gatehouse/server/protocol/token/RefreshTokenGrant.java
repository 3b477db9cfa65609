package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RefreshTokenRotation;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.IdTokens;
import dev.gatehouse.server.tokens.SecretHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * RFC 6749 §6 with rotation on every use (OAuth 2.1 §4.3.1) and reuse detection (RFC 9700
 * §4.14.2). One transaction: rotate (conditional UPDATE + INSERT + grant read), read the user
 * (still active?), and record the reuse event when there is one. A refusal after rotation (another
 * client's token, a wider scope, a disabled user) rolls the rotation back, so the presented token
 * stays usable by its rightful holder.
 */
public final class RefreshTokenGrant implements Grant {
  private final RefreshTokenRepository refreshTokens;
  private final UserRepository users;
  private final Transactions transactions;
  private final EventLog events;
  private final SecretHasher hasher;
  private final UserGrantTokens tokens;
  private final TokenSettings settings;
  private final Clock clock;

  public RefreshTokenGrant(RefreshTokenRepository refreshTokens, UserRepository users, Transactions transactions,
      EventLog events, SecretHasher hasher, AccessTokens accessTokens, IdTokens idTokens, TokenSettings settings,
      Clock clock) {
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
    return "refresh_token";
  }

  private record Outcome(RefreshTokenRotation rotation, Set<String> scopes, User user) {}

  @Override
  public TokenResponse exchange(Map<String, String> parameters, RegisteredClient client) {
    String presented = AuthorizationCodeGrant.required(parameters, "refresh_token");
    Set<String> requestedScopes = Scopes.parse(parameters.get("scope"));
    Instant now = clock.instant();
    String next = SecretHasher.generateSecret();
    Outcome outcome = transactions.inTransaction(() -> {
      RefreshTokenRotation rotation = refreshTokens.rotate(hasher.hash(presented), hasher.hash(next),
          now.plus(settings.refreshTokenLifetime(client)), now, settings.refreshTokenReuseLeeway());
      AuthorizationGrant grant = switch (rotation) {
        case RefreshTokenRotation.Rotated r -> r.grant();
        case RefreshTokenRotation.RotatedWithinLeeway r -> r.grant();
        case RefreshTokenRotation.Reused reused -> {
          // RFC 9700 §4.14.2: the family is revoked (by rotate, in this transaction); record it.
          events.record(new AuthEvent.RefreshTokenReuseDetected(reused.grantId().toString(), client.clientId(), now));
          yield null;
        }
        case RefreshTokenRotation.Invalid invalid -> null;
      };
      if (grant == null) {
        return new Outcome(rotation, Set.of(), null);
      }
      // RFC 6749 §6: "ensure that the refresh token was issued to the authenticated client".
      if (!grant.clientId().equals(client.clientId())) {
        throw new OAuthException(OAuthError.INVALID_GRANT, "The refresh token was issued to another client.");
      }
      // RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted by
      // the resource owner, and if omitted is treated as equal to the scope originally granted".
      Set<String> scopes = requestedScopes.isEmpty() ? grant.scopes() : requestedScopes;
      for (String scope : scopes) {
        if (!grant.scopes().contains(scope)) {
          throw new OAuthException(OAuthError.INVALID_SCOPE, "Scope '" + scope + "' was not originally granted.");
        }
      }
      User user = grant.userId() == null ? null : users.findById(grant.userId()).orElse(null);
      if (user == null || user.status() != UserStatus.ACTIVE) {
        throw new OAuthException(OAuthError.INVALID_GRANT, "The user of this grant is no longer active.");
      }
      return new Outcome(rotation, scopes, user);
    });
    return switch (outcome.rotation()) {
      case RefreshTokenRotation.Rotated r ->
          tokens.issue(client, r.grant(), outcome.scopes(), parameters.get("resource"), null, next, outcome.user());
      case RefreshTokenRotation.RotatedWithinLeeway r ->
          tokens.issue(client, r.grant(), outcome.scopes(), parameters.get("resource"), null, next, outcome.user());
      case RefreshTokenRotation.Reused reused -> throw new OAuthException(OAuthError.INVALID_GRANT,
          "The refresh token was already used; every token of this grant is now revoked.");
      case RefreshTokenRotation.Invalid invalid ->
          throw new OAuthException(OAuthError.INVALID_GRANT, "The refresh token is invalid, expired or revoked.");
    };
  }
}
