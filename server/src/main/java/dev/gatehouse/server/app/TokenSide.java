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
import dev.gatehouse.server.client.AllowedOrigins;
import dev.gatehouse.server.protocol.discovery.ProviderMetadata;
import dev.gatehouse.server.protocol.introspect.IntrospectionEndpoint;
import dev.gatehouse.server.protocol.revoke.RevocationEndpoint;
import dev.gatehouse.server.protocol.userinfo.UserInfoEndpoint;
import dev.gatehouse.server.web.Cors;
import dev.gatehouse.server.web.DiscoveryHttpEndpoint;
import dev.gatehouse.server.web.IntrospectionHttpEndpoint;
import dev.gatehouse.server.web.RevocationHttpEndpoint;
import dev.gatehouse.server.web.UserInfoHttpEndpoint;
import java.time.Duration;
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
  final UserInfoEndpoint userInfo;
  final IntrospectionEndpoint introspection;
  final RevocationEndpoint revocation;
  final Cors cors;
  private final List<String> signingAlgorithms;

  TokenSide(GatehouseConfig config, Storage storage, Components components) {
    Jdbi jdbi = storage.database.jdbi();
    this.settings = new TokenSettings(config.issuer(), config.accessTokenLifetime(),
        config.refreshTokenLifetime(), config.idTokenLifetime(), config.refreshTokenReuseLeeway(),
        config.signingAlgorithms());
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
    this.userInfo = new UserInfoEndpoint(accessTokens, grants, components.userRepository);
    this.introspection = new IntrospectionEndpoint(clientAuthenticator, accessTokens, grants, refreshTokens,
        revokedAccessTokens, components.userRepository, components.secretHasher, config.issuer(), components.clock);
    this.revocation = new RevocationEndpoint(clientAuthenticator, accessTokens, grants, refreshTokens,
        revokedAccessTokens, components.transactions, components.events, components.secretHasher, components.clock);
    AllowedOrigins origins = new AllowedOrigins(components.clientRepository, components.clock, Duration.ofSeconds(30));
    this.cors = new Cors(origins::allows);
    this.signingAlgorithms = config.signingAlgorithms();
  }

  /** ES256 (RFC 9068 tokens are small and cheap to sign with it) when configured, else RS256. */
  static SigningAlgorithm accessTokenAlgorithm(GatehouseConfig config) {
    return config.signingAlgorithms().contains("ES256") ? SigningAlgorithm.ES256 : SigningAlgorithm.RS256;
  }

  /** The endpoints browser apps may call get CORS for the origins clients registered. */
  Route cors(Route route) {
    return cors.wrap(route);
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(cors(new TokenHttpEndpoint(tokenEndpoint).route()));
    routes.add(cors(new UserInfoHttpEndpoint(userInfo).route()));
    routes.add(cors(new RevocationHttpEndpoint(revocation).route()));
    routes.add(new IntrospectionHttpEndpoint(introspection).route());
    for (Route route : new DiscoveryHttpEndpoint(ProviderMetadata.document(settings.issuer(), signingAlgorithms)).routes()) {
      routes.add(cors(route));
    }
    return routes;
  }
}
