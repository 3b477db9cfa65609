package dev.gatehouse.server.protocol.introspect;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.token.AuthenticatedClient;
import dev.gatehouse.server.protocol.token.ClientAuthenticator;
import dev.gatehouse.server.protocol.token.Scopes;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RefreshToken;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RevokedAccessTokenRepository;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.tokens.VerifiedAccessToken;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token introspection (RFC 7662). Only confidential clients may call it (§2.1: the caller must be
 * authorized; public clients cannot keep credentials). A token is reported active to the caller
 * only if it was issued to the caller or names the caller's client_id in its {@code aud}: a
 * client learns nothing about other clients' tokens (§4: "the authorization server MAY respond
 * differently to different protected resources making the same request"). Everything else — an
 * unknown, malformed, expired or revoked token — is {@code {"active": false}}.
 */
public final class IntrospectionEndpoint {
  private static final Map<String, Object> INACTIVE = Map.of("active", false);
  private final ClientAuthenticator authenticator;
  private final AccessTokens accessTokens;
  private final AuthorizationGrantRepository grants;
  private final RefreshTokenRepository refreshTokens;
  private final RevokedAccessTokenRepository revokedAccessTokens;
  private final UserRepository users;
  private final SecretHasher hasher;
  private final URI issuer;
  private final Clock clock;

  public IntrospectionEndpoint(ClientAuthenticator authenticator, AccessTokens accessTokens,
      AuthorizationGrantRepository grants, RefreshTokenRepository refreshTokens,
      RevokedAccessTokenRepository revokedAccessTokens, UserRepository users, SecretHasher hasher, URI issuer,
      Clock clock) {
    this.authenticator = authenticator;
    this.accessTokens = accessTokens;
    this.grants = grants;
    this.refreshTokens = refreshTokens;
    this.revokedAccessTokens = revokedAccessTokens;
    this.users = users;
    this.hasher = hasher;
    this.issuer = issuer;
    this.clock = clock;
  }

  public Map<String, Object> handle(Map<String, String> parameters, String authorization) {
    AuthenticatedClient caller = authenticator.authenticate(parameters, authorization);
    if (caller.client().clientType() != ClientType.CONFIDENTIAL) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Only confidential clients may introspect tokens.");
    }
    String token = parameters.get("token");
    if (token == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "token is missing (RFC 7662 §2.1).");
    }
    // RFC 7662 §2.1 token_type_hint: a hint only; both kinds are tried. A JWT cannot be a refresh
    // token and vice versa, so the shape decides the order without trusting the hint.
    boolean looksLikeJwt = token.indexOf('.') > 0;
    Optional<Map<String, Object>> found = looksLikeJwt
        ? accessToken(token, caller.clientId()) : refreshToken(token, caller.clientId());
    return found.orElse(INACTIVE);
  }

  private Optional<Map<String, Object>> accessToken(String token, String caller) {
    Optional<VerifiedAccessToken> verified = accessTokens.verify(token);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    VerifiedAccessToken t = verified.get();
    if (!t.clientId().equals(caller) && !t.audience().contains(caller)) {
      return Optional.empty();
    }
    String username = null;
    if (t.hasGrant()) {
      Optional<AuthorizationGrant> grant = grants.findById(t.grantId());
      if (grant.isEmpty() || grant.get().isRevoked()) {
        return Optional.empty();
      }
      username = users.findById(grant.get().userId()).map(u -> u.username()).orElse(null);
    } else if (revokedAccessTokens.isRevoked(t.jti())) {
      return Optional.empty();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", true);
    putIfPresent(body, "scope", Scopes.format(t.scopes()));
    body.put("client_id", t.clientId());
    putIfPresent(body, "username", username);
    body.put("token_type", "Bearer");
    body.put("exp", t.expiresAt().getEpochSecond());
    putIfPresent(body, "iat", t.issuedAt() == null ? null : t.issuedAt().getEpochSecond());
    putIfPresent(body, "nbf", t.notBefore() == null ? null : t.notBefore().getEpochSecond());
    body.put("sub", t.subject());
    body.put("aud", t.audience().size() == 1 ? t.audience().get(0) : t.audience());
    body.put("iss", t.issuer());
    body.put("jti", t.jti());
    return Optional.of(body);
  }

  private Optional<Map<String, Object>> refreshToken(String token, String caller) {
    Instant now = clock.instant();
    Optional<RefreshToken> found = refreshTokens.findByHash(hasher.hash(token));
    if (found.isEmpty() || !found.get().isActive(now)) {
      return Optional.empty();
    }
    Optional<AuthorizationGrant> grant = grants.findById(found.get().grantId());
    // Refresh tokens are only ever for the client they were issued to (RFC 6749 §6).
    if (grant.isEmpty() || grant.get().isRevoked() || !grant.get().clientId().equals(caller)) {
      return Optional.empty();
    }
    AuthorizationGrant g = grant.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", true);
    putIfPresent(body, "scope", Scopes.format(g.scopes()));
    body.put("client_id", g.clientId());
    putIfPresent(body, "username", users.findById(g.userId()).map(u -> u.username()).orElse(null));
    body.put("token_type", "refresh_token");
    body.put("exp", found.get().expiresAt().getEpochSecond());
    body.put("iat", found.get().issuedAt().getEpochSecond());
    body.put("sub", g.userId().toString());
    body.put("iss", issuer.toString());
    return Optional.of(body);
  }

  private static void putIfPresent(Map<String, Object> body, String name, Object value) {
    if (value != null) {
      body.put(name, value);
    }
  }
}
