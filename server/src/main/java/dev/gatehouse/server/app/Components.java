package dev.gatehouse.server.app;

import dev.gatehouse.server.client.CachedClientRepository;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.identity.PasswordHashParameters;
import dev.gatehouse.server.identity.PasswordHasher;
import dev.gatehouse.server.identity.RecordedConsents;
import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.protocol.IdTokenHints;
import dev.gatehouse.server.protocol.logout.RpInitiatedLogout;
import dev.gatehouse.server.protocol.authorize.AuthorizationFlow;
import dev.gatehouse.server.protocol.authorize.AuthorizationRequestValidator;
import dev.gatehouse.server.protocol.authorize.CodeIssuer;
import dev.gatehouse.server.protocol.authorize.PendingAuthorizations;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiBrowserSessionRepository;
import dev.gatehouse.server.store.postgres.JdbiConsentRepository;
import dev.gatehouse.server.store.postgres.JdbiPendingAuthorizationRepository;
import dev.gatehouse.server.identity.UserAccounts;
import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.PostgresChangeFeed;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.JdbiUserCredentialRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.tokens.KeyEncryptionKey;
import dev.gatehouse.server.tokens.KeyRing;
import dev.gatehouse.server.tokens.KeyRotation;
import dev.gatehouse.server.tokens.KeyRotationPolicy;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The object graph shared by {@code serve} and the CLI commands, built by constructor from one
 * {@link Storage}: the only place that names the PostgreSQL implementations of the ports.
 */
final class Components {
  final Clock clock;
  final Transactions transactions;
  final Outbox outbox;
  final EventLog events;
  final RegisteredClientRepository clientRepository;
  final UserRepository userRepository;
  final SecretHasher secretHasher;
  final ClientRegistrations clients;
  final UserAccounts users;
  final KeyRing keyRing;
  final KeyRotation keyRotation;
  final SsoSessions sessions;
  final AuthorizationRequestValidator authorizationRequests;
  final AuthorizationFlow authorizationFlow;
  final IdTokenHints idTokenHints;
  final RpInitiatedLogout logout;
  /** Registered clients in memory (serving nodes only), and the feed that keeps them fresh. */
  final @Nullable CachedClientRepository clientCache;
  final @Nullable PostgresChangeFeed clientChanges;

  /** For CLI commands: every read goes to the database. */
  Components(GatehouseConfig config, Storage storage, Clock clock) {
    this(config, storage, clock, false);
  }

  /**
   * @param serving a serving node keeps registered clients in memory (unless
   *     {@code GATEHOUSE_CLIENT_CACHE_TTL} is zero); start {@link #clientChanges} to trust them
   */
  Components(GatehouseConfig config, Storage storage, Clock clock, boolean serving) {
    this.clock = clock;
    Jdbi jdbi = storage.database.jdbi();
    this.transactions = new JdbiTransactions(jdbi);
    this.outbox = new JdbiOutbox(jdbi);
    this.events = new EventLog(outbox, config.issuer());
    RegisteredClientRepository stored = new JdbiRegisteredClientRepository(jdbi, clock);
    if (serving && !config.clientCacheTtl().isZero()) {
      this.clientCache = new CachedClientRepository(stored, config.clientCacheTtl(), 10_000);
      this.clientChanges = new PostgresChangeFeed(storage.database, "gatehouse_client_changed", clientCache);
      this.clientRepository = clientCache;
    } else {
      this.clientCache = null;
      this.clientChanges = null;
      this.clientRepository = stored;
    }
    this.userRepository = new JdbiUserRepository(jdbi);
    this.secretHasher = SecretHasher.fromBase64Url(storage.secretHashKey);
    this.clients = new ClientRegistrations(clientRepository, transactions, events, secretHasher, clock);
    this.users = new UserAccounts(userRepository, new JdbiUserCredentialRepository(jdbi, clock),
        new PasswordHasher(PasswordHashParameters.OWASP, config.passwordHashConcurrency()),
        transactions, events, clock);

    KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(storage.keyEncryptionKey);
    JdbiSigningKeyRepository keys = new JdbiSigningKeyRepository(jdbi);
    this.keyRing = new KeyRing(keys, kek, clock, Duration.ofSeconds(30));
    this.keyRotation = new KeyRotation(keys, kek, rotationPolicy(config), clock, keyRing::refresh, events);

    this.sessions = new SsoSessions(new JdbiBrowserSessionRepository(jdbi, clock), userRepository,
        secretHasher, transactions, events, clock, config.sessionLifetime());
    this.idTokenHints = new IdTokenHints(keyRing, config.issuer().toString());
    this.authorizationRequests = new AuthorizationRequestValidator(clientRepository, idTokenHints,
        config.issuer().toString());
    this.authorizationFlow = new AuthorizationFlow(clientRepository, userRepository, users, sessions,
        new RecordedConsents(new JdbiConsentRepository(jdbi, clock), transactions, events, clock),
        new PendingAuthorizations(new JdbiPendingAuthorizationRepository(jdbi), secretHasher, clock,
            config.authorizationRequestLifetime()),
        new CodeIssuer(new JdbiAuthorizationGrantRepository(jdbi), secretHasher, clock), clock);
    this.logout = new RpInitiatedLogout(idTokenHints, clientRepository, sessions, secretHasher);
  }

  static KeyRotationPolicy rotationPolicy(GatehouseConfig config) {
    Set<SigningAlgorithm> algorithms = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : config.signingAlgorithms()) {
      algorithms.add(SigningAlgorithm.fromJoseName(name));
    }
    return new KeyRotationPolicy(algorithms, config.keyRotationPeriod(), config.keyPublishAhead(),
        config.maxJwtLifetime());
  }
}
