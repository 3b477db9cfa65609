package dev.gatehouse.server.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of a Gatehouse node, read from environment variables and validated once at
 * start-up. docs/configuration.md documents each variable; keep the two in step.
 *
 * @param database empty means the embedded default under {@link #dataDirectory()}
 * @param keyEncryptionKey base64url AES-256 key that encrypts signing keys at rest; empty only
 *     on the embedded default, which generates one into its data directory
 * @param secretHashKey base64url HMAC key for client secrets, codes and tokens at rest; same rule
 * @param kafka empty means no relay: events stay in the outbox (the embedded default)
 * @param outboxRetention how long published events stay in the outbox before they are deleted
 * @param passwordHashConcurrency how many Argon2id hashes run at once (each holds 19 MiB);
 *     further logins wait their turn
 * @param cleanupInterval how often each node deletes expired codes, tokens, sessions and jtis
 *     (one node at a time works); zero turns it off
 * @param clientCacheTtl how long a node may keep a registered client in memory (changes drop the
 *     copy on every node at once; this is the backstop); zero turns the cache off
 */
public record GatehouseConfig(
    String host,
    int port,
    URI issuer,
    Path dataDirectory,
    Optional<Database> database,
    Optional<String> keyEncryptionKey,
    Optional<String> secretHashKey,
    List<String> signingAlgorithms,
    Duration keyRotationPeriod,
    Duration keyPublishAhead,
    Duration keyRotationCheckInterval,
    Duration accessTokenLifetime,
    Duration idTokenLifetime,
    Duration refreshTokenLifetime,
    Duration refreshTokenReuseLeeway,
    Duration shutdownGracePeriod,
    String logFormat,
    boolean bootstrap,
    Optional<Kafka> kafka,
    Duration outboxRetention,
    Duration sessionLifetime,
    Duration authorizationRequestLifetime,
    Duration clientCacheTtl,
    int passwordHashConcurrency,
    Duration cleanupInterval) {

  /** The Kafka cluster and topic the outbox relay publishes to. */
  public record Kafka(String bootstrapServers, String topic) {}

  private static final Pattern BOOTSTRAP_SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");
  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  /** An external PostgreSQL. */
  public record Database(String url, String user, String password, int poolSize) {
    @Override
    public String toString() {
      return "Database[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
  }

  static final Set<String> ALGORITHMS = Set.of("ES256", "RS256", "EdDSA");

  public static GatehouseConfig fromEnvironment(Map<String, String> environment) {
    EnvironmentReader env = new EnvironmentReader(environment);
    String host = env.string("GATEHOUSE_HTTP_HOST", "127.0.0.1");
    int port = env.integer("GATEHOUSE_HTTP_PORT", 8080, 0, 65_535);
    URI issuer = issuer(env, host, port);
    Path dataDirectory = path(env, "GATEHOUSE_DATA_DIR", "gatehouse-data");

    Optional<Database> database = database(env);
    Optional<String> kek = key(env, "GATEHOUSE_KEY_ENCRYPTION_KEY", database.isPresent());
    Optional<String> hashKey = key(env, "GATEHOUSE_SECRET_HASH_KEY", database.isPresent());

    List<String> algorithms = env.list("GATEHOUSE_SIGNING_ALGORITHMS", List.of("ES256", "RS256"));
    for (String alg : algorithms) {
      if (!ALGORITHMS.contains(alg)) {
        throw new ConfigException(
            "GATEHOUSE_SIGNING_ALGORITHMS", "supports ES256, RS256 and EdDSA, got '" + alg + "'");
      }
    }
    if (!algorithms.contains("RS256")) {
      // OIDC Core §15.1: RS256 must be available for ID tokens.
      throw new ConfigException(
          "GATEHOUSE_SIGNING_ALGORITHMS", "must include RS256 (OpenID Connect requires it)");
    }

    Duration minute = Duration.ofMinutes(1);
    Duration second = Duration.ofSeconds(1);
    Duration accessTtl = env.duration("GATEHOUSE_ACCESS_TOKEN_LIFETIME", Duration.ofMinutes(10), second);
    Duration idTtl = env.duration("GATEHOUSE_ID_TOKEN_LIFETIME", Duration.ofMinutes(10), second);
    Duration refreshTtl = env.duration("GATEHOUSE_REFRESH_TOKEN_LIFETIME", Duration.ofDays(30), minute);
    Duration leeway = env.duration("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY", Duration.ofSeconds(10), Duration.ZERO);
    if (leeway.compareTo(Duration.ofMinutes(5)) > 0) {
      // RFC 9700 §4.14.2: reuse detection is the point of rotation; a long leeway disables it.
      throw new ConfigException("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY", "must be at most 5m, got " + leeway);
    }
    Duration rotation = env.duration("GATEHOUSE_KEY_ROTATION_PERIOD", Duration.ofDays(30), Duration.ofHours(1));
    Duration publishAhead = env.duration("GATEHOUSE_KEY_PUBLISH_AHEAD", Duration.ofHours(1), Duration.ZERO);
    if (publishAhead.compareTo(rotation) >= 0) {
      throw new ConfigException(
          "GATEHOUSE_KEY_PUBLISH_AHEAD", "must be shorter than GATEHOUSE_KEY_ROTATION_PERIOD");
    }
    Duration check = env.duration("GATEHOUSE_KEY_ROTATION_CHECK_INTERVAL", Duration.ofMinutes(5), second);
    Duration grace = env.duration("GATEHOUSE_SHUTDOWN_GRACE_PERIOD", Duration.ofSeconds(20), Duration.ZERO);

    // Exact lower case: logback.xml selects its appender by this very value.
    String logFormat = env.string("GATEHOUSE_LOG_FORMAT", "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigException("GATEHOUSE_LOG_FORMAT", "must be text or json (lower case), got '" + logFormat + "'");
    }
    boolean bootstrap = env.bool("GATEHOUSE_BOOTSTRAP", database.isEmpty());
    Optional<Kafka> kafka = kafka(env);
    Duration retention = env.duration("GATEHOUSE_OUTBOX_RETENTION", Duration.ofDays(7), minute);
    Duration sessionTtl = env.duration("GATEHOUSE_SESSION_LIFETIME", Duration.ofHours(12), minute);
    Duration pendingTtl = env.duration("GATEHOUSE_AUTHORIZATION_REQUEST_LIFETIME", Duration.ofMinutes(10), minute);
    if (pendingTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException("GATEHOUSE_AUTHORIZATION_REQUEST_LIFETIME",
          "must be at most 1h (a pending sign-in is short-lived), got " + pendingTtl);
    }

    Duration clientCacheTtl = env.duration("GATEHOUSE_CLIENT_CACHE_TTL", Duration.ofMinutes(5), Duration.ZERO);
    if (clientCacheTtl.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigException("GATEHOUSE_CLIENT_CACHE_TTL", "must be at most 1d, got " + clientCacheTtl);
    }

    int hashConcurrency = env.integer("GATEHOUSE_PASSWORD_HASH_CONCURRENCY",
        Runtime.getRuntime().availableProcessors(), 1, 1024);

    return new GatehouseConfig(host, port, issuer, dataDirectory, database, kek, hashKey,
        algorithms, rotation, publishAhead, check, accessTtl, idTtl, refreshTtl, leeway, grace, logFormat,
        bootstrap, kafka, retention, sessionTtl, pendingTtl, clientCacheTtl, hashConcurrency,
        env.duration("GATEHOUSE_CLEANUP_INTERVAL", Duration.ofMinutes(10), Duration.ZERO));
  }

  private static Optional<Kafka> kafka(EnvironmentReader env) {
    String topic = env.string("GATEHOUSE_KAFKA_TOPIC", "gatehouse.events");
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new ConfigException("GATEHOUSE_KAFKA_TOPIC",
          "must be 1-249 of the characters a-z A-Z 0-9 . _ - (and not . or ..), got '" + topic + "'");
    }
    Optional<List<String>> servers = env.optional("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS")
        .map(raw -> env.list("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", List.of()));
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    for (String server : servers.get()) {
      Matcher m = BOOTSTRAP_SERVER.matcher(server);
      if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
        throw new ConfigException("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS",
            "must be a comma-separated list of host:port, got '" + server + "'");
      }
    }
    return Optional.of(new Kafka(String.join(",", servers.get()), topic));
  }

  /** The longest lifetime of any JWT this node signs: a retired key stays published this long. */
  public Duration maxJwtLifetime() {
    return accessTokenLifetime.compareTo(idTokenLifetime) >= 0 ? accessTokenLifetime : idTokenLifetime;
  }

  private static URI issuer(EnvironmentReader env, String host, int port) {
    Optional<String> raw = env.optional("GATEHOUSE_ISSUER");
    String value = raw.orElse("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    try {
      URI uri = new URI(value);
      // RFC 8414 §2: the issuer is an https URL with no query or fragment (http allowed for local use).
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
        throw new ConfigException("GATEHOUSE_ISSUER",
            "must be an http(s) URL with a host and no query or fragment, got '" + value + "'");
      }
      if (value.endsWith("/")) {
        throw new ConfigException("GATEHOUSE_ISSUER", "must not end with '/', got '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("GATEHOUSE_ISSUER", "is not a valid URL: '" + value + "'");
    }
  }

  private static Path path(EnvironmentReader env, String name, String fallback) {
    String raw = env.string(name, fallback);
    try {
      return Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(name, "is not a valid path: '" + raw + "'");
    }
  }

  private static Optional<Database> database(EnvironmentReader env) {
    Optional<String> url = env.optional("GATEHOUSE_DATABASE_URL");
    String user = env.string("GATEHOUSE_DATABASE_USER", "gatehouse");
    String password = env.string("GATEHOUSE_DATABASE_PASSWORD", "");
    int pool = env.integer("GATEHOUSE_DATABASE_POOL_SIZE", 10, 1, 500);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    if (!url.get().startsWith("jdbc:postgresql://")) {
      throw new ConfigException("GATEHOUSE_DATABASE_URL",
          "must be a PostgreSQL JDBC URL such as jdbc:postgresql://db.internal:5432/gatehouse");
    }
    return Optional.of(new Database(url.get(), user, password, pool));
  }

  private static Optional<String> key(EnvironmentReader env, String name, boolean required) {
    Optional<String> raw = env.optional(name);
    if (raw.isEmpty()) {
      if (required) {
        throw new ConfigException(name,
            "is required with GATEHOUSE_DATABASE_URL (32 random bytes, base64url; "
                + "generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')");
      }
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(raw.get().replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, "must be base64url-encoded");
    }
    if (decoded.length != 32) {
      throw new ConfigException(name, "must decode to 32 bytes, got " + decoded.length);
    }
    return raw;
  }

  @Override
  public String toString() {
    return "GatehouseConfig[issuer=" + issuer + ", listen=" + host + ":" + port + ", data="
        + dataDirectory + ", database=" + database.map(Database::toString).orElse("embedded")
        + ", algorithms=" + signingAlgorithms + ", kafka=" + kafka.map(Kafka::toString).orElse("none")
        + "]";
  }
}
