package dev.gatehouse.server.app;

import dev.gatehouse.server.protocol.token.AuthorizationCodeGrant;
import dev.gatehouse.server.protocol.token.ClientAssertionVerifier;
import dev.gatehouse.server.protocol.token.RefreshTokenGrant;
import dev.gatehouse.server.protocol.token.ClientAuthenticator;
import dev.gatehouse.server.protocol.token.ClientCredentialsGrant;
import dev.gatehouse.server.protocol.token.TokenEndpoint;
import dev.gatehouse.server.protocol.token.TokenSettings;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.RefreshTokenRepository;
import dev.gatehouse.server.store.RevokedAccessTokenRepository;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiClientAssertionJtiRepository;
import dev.gatehouse.server.store.postgres.JdbiRefreshTokenRepository;
import dev.gatehouse.server.store.postgres.JdbiRevokedAccessTokenRepository;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.IdTokens;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import dev.gatehouse.server.web.Route;
import dev.gatehouse.server.web.TokenHttpEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The token side of the provider (issue 3): token, userinfo, introspection, revocation and
 * discovery endpoints, wired by constructor from the shared {@link Components}.
 */
final class TokenSide {
  final TokenSettings settings;
  final AuthorizationGrantRepository grants;
  final RefreshTokenRepository refreshTokens;
  final RevokedAccessTokenRepository revokedAccessTokens;
  final AccessTokens accessTokens;
  final IdTokens idTokens;
  final ClientAuthenticator clientAuthenticator;
  final TokenEndpoint tokenEndpoint;

  TokenSide(GatehouseConfig config, Storage storage, Components components) {
    Jdbi jdbi = storage.database.jdbi();
    this.settings = new TokenSettings(config.issuer(), config.accessTokenLifetime(),
        config.refreshTokenLifetime(), config.idTokenLifetime(), config.refreshTokenReuseLeeway());
    this.grants = new JdbiAuthorizationGrantRepository(jdbi);
    this.refreshTokens = new JdbiRefreshTokenRepository(jdbi);
    this.revokedAccessTokens = new JdbiRevokedAccessTokenRepository(jdbi);
    this.accessTokens = new AccessTokens(config.issuer(), components.keyRing,
        accessTokenAlgorithm(config), components.clock);
    this.idTokens = new IdTokens(config.issuer(), components.keyRing, components.clock);
    this.clientAuthenticator = new ClientAuthenticator(components.clientRepository, components.secretHasher,
        new ClientAssertionVerifier(settings, new JdbiClientAssertionJtiRepository(jdbi), components.clock));
    this.tokenEndpoint = new TokenEndpoint(clientAuthenticator, List.of(
        new ClientCredentialsGrant(accessTokens, settings),
        new AuthorizationCodeGrant(grants, refreshTokens, components.userRepository, components.transactions,
            components.events, components.secretHasher, accessTokens, idTokens, settings, components.clock),
        new RefreshTokenGrant(refreshTokens, components.userRepository, components.transactions,
            components.events, components.secretHasher, accessTokens, idTokens, settings, components.clock)));
  }

  /** ES256 (RFC 9068 tokens are small and cheap to sign with it) when configured, else RS256. */
  static SigningAlgorithm accessTokenAlgorithm(GatehouseConfig config) {
    return config.signingAlgorithms().contains("ES256") ? SigningAlgorithm.ES256 : SigningAlgorithm.RS256;
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(new TokenHttpEndpoint(tokenEndpoint).route());
    return routes;
  }
}
