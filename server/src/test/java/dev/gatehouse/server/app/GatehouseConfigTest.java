package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatehouseConfigTest {

  @Test
  void withNoEnvironmentTheEmbeddedDefaultListensOnLoopback8080AsItsIssuer() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(Map.of());
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.issuer()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(config.database()).isEmpty();
    assertThat(config.dataDirectory().getFileName().toString()).isEqualTo("gatehouse-data");
    assertThat(config.signingAlgorithms()).containsExactly("ES256", "RS256");
    assertThat(config.bootstrap()).isTrue();
    assertThat(config.keyEncryptionKey()).isEmpty();
  }

  @Test
  void externalDatabaseTakesUrlUserPasswordAndRequiresBothKeys() {
    Map<String, String> env = new HashMap<>(Map.of(
        "GATEHOUSE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/gatehouse",
        "GATEHOUSE_DATABASE_USER", "gh",
        "GATEHOUSE_DATABASE_PASSWORD", "s3cret",
        "GATEHOUSE_KEY_ENCRYPTION_KEY", TestNode.randomKey(),
        "GATEHOUSE_SECRET_HASH_KEY", TestNode.randomKey()));
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    assertThat(config.database()).contains(
        new GatehouseConfig.Database("jdbc:postgresql://127.0.0.1:5432/gatehouse", "gh", "s3cret", 10));
    assertThat(config.bootstrap()).isFalse();
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain(env.get("GATEHOUSE_KEY_ENCRYPTION_KEY"));

    env.remove("GATEHOUSE_SECRET_HASH_KEY");
    assertThatThrownBy(() -> GatehouseConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.variable()).isEqualTo("GATEHOUSE_SECRET_HASH_KEY"));
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(Map.of(
        "GATEHOUSE_ACCESS_TOKEN_LIFETIME", "5m",
        "GATEHOUSE_ID_TOKEN_LIFETIME", "PT1H",
        "GATEHOUSE_KEY_ROTATION_PERIOD", "7d",
        "GATEHOUSE_SHUTDOWN_GRACE_PERIOD", "1500ms"));
    assertThat(config.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.idTokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxJwtLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(config.keyRotationPeriod()).isEqualTo(Duration.ofDays(7));
    assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void issuerDefaultsFromHostAndPortAndCanBeSetExplicitly() {
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_HTTP_PORT", "9090")).issuer())
        .isEqualTo(URI.create("http://127.0.0.1:9090"));
    assertThat(GatehouseConfig.fromEnvironment(
        Map.of("GATEHOUSE_ISSUER", "https://id.example.com/tenant")).issuer())
        .isEqualTo(URI.create("https://id.example.com/tenant"));
  }

  @Test
  void withoutKafkaThereIsNoRelayAndEventsAreKeptSevenDaysAfterPublication() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(Map.of());
    assertThat(config.kafka()).isEmpty();
    assertThat(config.outboxRetention()).isEqualTo(java.time.Duration.ofDays(7));
  }

  @Test
  void kafkaTakesBootstrapServersATopicAndRetention() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(Map.of(
        "GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", " kafka-1.internal:9092, 10.0.0.7:9093 ,[::1]:9094",
        "GATEHOUSE_KAFKA_TOPIC", "auth.events-v1",
        "GATEHOUSE_OUTBOX_RETENTION", "36h"));
    assertThat(config.kafka()).contains(new GatehouseConfig.Kafka(
        "kafka-1.internal:9092,10.0.0.7:9093,[::1]:9094", "auth.events-v1"));
    assertThat(config.outboxRetention()).isEqualTo(java.time.Duration.ofHours(36));
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", "k:9092"))
        .kafka().orElseThrow().topic()).isEqualTo("gatehouse.events");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("GATEHOUSE_HTTP_PORT", "eighty", "whole number"),
        Arguments.of("GATEHOUSE_HTTP_PORT", "70000", "between 0 and 65535"),
        Arguments.of("GATEHOUSE_ISSUER", "ftp://x", "http(s) URL"),
        Arguments.of("GATEHOUSE_ISSUER", "https://id.example.com/?a=b", "no query"),
        Arguments.of("GATEHOUSE_ISSUER", "https://id.example.com/", "must not end with '/'"),
        Arguments.of("GATEHOUSE_ISSUER", "http://bad host", "not a valid URL"),
        Arguments.of("GATEHOUSE_DATABASE_URL", "postgres://x/y", "PostgreSQL JDBC URL"),
        Arguments.of("GATEHOUSE_DATABASE_POOL_SIZE", "0", "between 1 and 500"),
        Arguments.of("GATEHOUSE_KEY_ENCRYPTION_KEY", "c2hvcnQ", "32 bytes"),
        Arguments.of("GATEHOUSE_KEY_ENCRYPTION_KEY", "not base64!", "base64url"),
        Arguments.of("GATEHOUSE_SECRET_HASH_KEY", "AAAA", "32 bytes"),
        Arguments.of("GATEHOUSE_SIGNING_ALGORITHMS", "ES256,HS256", "supports ES256, RS256 and EdDSA"),
        Arguments.of("GATEHOUSE_SIGNING_ALGORITHMS", "ES256", "must include RS256"),
        Arguments.of("GATEHOUSE_ACCESS_TOKEN_LIFETIME", "ten minutes", "duration"),
        Arguments.of("GATEHOUSE_ACCESS_TOKEN_LIFETIME", "0s", "at least"),
        Arguments.of("GATEHOUSE_KEY_ROTATION_PERIOD", "10m", "at least"),
        Arguments.of("GATEHOUSE_KEY_PUBLISH_AHEAD", "40d", "shorter than GATEHOUSE_KEY_ROTATION_PERIOD"),
        Arguments.of("GATEHOUSE_LOG_FORMAT", "xml", "text or json"),
        Arguments.of("GATEHOUSE_LOG_FORMAT", "JSON", "lower case"),
        Arguments.of("GATEHOUSE_BOOTSTRAP", "maybe", "true or false"),
        Arguments.of("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1", "host:port"),
        Arguments.of("GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:99999", "host:port"),
        Arguments.of("GATEHOUSE_KAFKA_TOPIC", "auth events", "a-z A-Z 0-9"),
        Arguments.of("GATEHOUSE_KAFKA_TOPIC", "..", "a-z A-Z 0-9"),
        Arguments.of("GATEHOUSE_OUTBOX_RETENTION", "30s", "at least"),
        Arguments.of("GATEHOUSE_OUTBOX_RETENTION", "a week", "duration"),
        Arguments.of("GATEHOUSE_CLIENT_CACHE_TTL", "PT-1S", "at least"),
        Arguments.of("GATEHOUSE_CLIENT_CACHE_TTL", "2d", "at most 1d"),
        Arguments.of("GATEHOUSE_PASSWORD_HASH_CONCURRENCY", "0", "between 1 and 1024"),
        Arguments.of("GATEHOUSE_PASSWORD_HASH_CONCURRENCY", "many", "whole number"),
        Arguments.of("GATEHOUSE_CLEANUP_INTERVAL", "often", "duration"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void aBadValueFailsNamingTheVariable(String variable, String value, String expected) {
    assertThatThrownBy(() -> GatehouseConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.variable()).isEqualTo(variable);
          assertThat(e.getMessage()).startsWith(variable + ": ").contains(expected);
        });
  }

  @Test
  void clientCacheAndPasswordHashConcurrencyDefaultsAndOverrides() {
    GatehouseConfig defaults = GatehouseConfig.fromEnvironment(Map.of());
    assertThat(defaults.clientCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.passwordHashConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(defaults.cleanupInterval()).isEqualTo(Duration.ofMinutes(10));
    GatehouseConfig set = GatehouseConfig.fromEnvironment(Map.of(
        "GATEHOUSE_CLIENT_CACHE_TTL", "0s", "GATEHOUSE_PASSWORD_HASH_CONCURRENCY", "8"));
    assertThat(set.clientCacheTtl()).isZero();
    assertThat(set.passwordHashConcurrency()).isEqualTo(8);
  }

  @Test
  void blankValuesMeanUnset() {
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_HTTP_PORT", "  ")).port()).isEqualTo(8080);
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "")).database())
        .isEqualTo(Optional.empty());
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_SIGNING_ALGORITHMS", "RS256, EdDSA"))
        .signingAlgorithms()).isEqualTo(List.of("RS256", "EdDSA"));
  }
}
