package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestNode;
import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.server.tokens.SecretHasher;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI end to end (issue 2 §6): real commands through {@link Main#run} against a real
 * PostgreSQL, checked both by their output and by what landed in the database.
 */
class CliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static String database;
  static Map<String, String> env;
  static PostgresDatabase db;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void setUp() {
    database = TestPostgres.createDatabase();
    env = TestNode.environment(database, Map.of());
    db = TestPostgres.open(database, 2);
  }

  @AfterAll
  static void tearDown() {
    db.close();
  }

  static Result run(String stdin, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, environment, new BufferedReader(new StringReader(stdin)),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run("", env, args);
  }

  static String secretFrom(String output) {
    Matcher m = Pattern.compile("client_secret: (\\S+)").matcher(output);
    assertThat(m.find()).as("output shows the secret: %s", output).isTrue();
    return m.group(1);
  }

  String storedSecretHash(String clientId) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT secret_hash FROM registered_clients WHERE client_id = :id")
        .bind("id", clientId).mapTo(String.class).one());
  }

  int outboxCount(String type) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM outbox_events WHERE event_type = :t").bind("t", type).mapTo(Integer.class).one());
  }

  SecretHasher hasher() {
    return SecretHasher.fromBase64Url(env.get("GATEHOUSE_SECRET_HASH_KEY"));
  }

  @Test
  void confidentialClientGetsAGeneratedSecretShownOnceAndStoredOnlyAsAKeyedHash() {
    Result created = run("clients", "create", "--id", "billing", "--grant-type", "client_credentials",
        "--scope", "invoices.read invoices.write");
    assertThat(created.exit()).as(created.err()).isZero();
    String secret = secretFrom(created.out());
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
    String stored = storedSecretHash("billing");
    assertThat(stored).doesNotContain(secret);
    assertThat(hasher().matches(secret, stored)).isTrue();
    assertThat(outboxCount("client.created")).isPositive();

    Result listed = run("clients", "list");
    assertThat(listed.out()).contains("billing").doesNotContain(secret);
  }

  @Test
  void secretCanBeGivenOnStdinAndIsThenNotEchoed() {
    String given = "given-secret-given-secret-given-secret-0123";
    Result created = run(given + "\n", env, "clients", "create", "--id", "ci-runner",
        "--secret-stdin", "--grant-type", "client_credentials", "--auth-method", "client_secret_post");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain(given);
    assertThat(hasher().matches(given, storedSecretHash("ci-runner"))).isTrue();
  }

  @Test
  void aShortGivenSecretIsRefusedBecauseFastHashesNeedHighEntropy() {
    Result created = run("short\n", env, "clients", "create", "--id", "weak", "--secret-stdin",
        "--grant-type", "client_credentials");
    assertThat(created.exit()).isEqualTo(2);
    assertThat(created.err()).contains("at least 32");
    assertThat(run("clients", "list").out()).doesNotContain("weak");
  }

  @Test
  void rotateSecretReplacesTheOldSecret() {
    String first = secretFrom(run("clients", "create", "--id", "rotating",
        "--grant-type", "client_credentials").out());
    Result rotated = run("clients", "rotate-secret", "rotating");
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    String second = secretFrom(rotated.out());
    assertThat(second).isNotEqualTo(first);
    String stored = storedSecretHash("rotating");
    assertThat(hasher().matches(second, stored)).isTrue();
    assertThat(hasher().matches(first, stored)).isFalse();
    assertThat(outboxCount("client.secret_rotated")).isPositive();
  }

  @Test
  void publicClientWithRedirectUrisListsAsJson() throws Exception {
    Result created = run("clients", "create", "--id", "shop-app", "--type", "public",
        "--redirect-uri", "https://shop.example.com/cb", "--redirect-uri", "com.example.shop:/cb",
        "--scope", "openid,profile");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain("client_secret");

    JsonNode clients = JSON.readTree(run("clients", "list", "--json").out());
    JsonNode shop = null;
    for (JsonNode c : clients) {
      if (c.get("client_id").asText().equals("shop-app")) {
        shop = c;
      }
    }
    assertThat(shop).isNotNull();
    assertThat(shop.get("client_type").asText()).isEqualTo("public");
    assertThat(shop.get("token_endpoint_auth_method").asText()).isEqualTo("none");
    assertThat(shop.get("redirect_uris").toString())
        .isEqualTo("[\"https://shop.example.com/cb\",\"com.example.shop:/cb\"]");
    assertThat(shop.get("grant_types").toString()).contains("authorization_code");
  }

  @Test
  void redirectUrisBreakingRfc6749AndRfc8252AreRefusedWithOneLine() {
    for (String[] bad : new String[][] {
        {"https://app.example.com/cb#frag", "fragment"},          // RFC 6749 §3.1.2
        {"/relative/cb", "absolute"},                               // RFC 6749 §3.1.2
        {"http://app.example.com/cb", "non-loopback"},             // RFC 8252 §8.3, RFC 9700 §2.6
        {"myapp:/cb", "reverse domain name"},                       // RFC 8252 §7.1
        {"https://*.example.com/cb", "wildcard"},
        {"javascript:alert(1)", "forbidden scheme"}}) {
      Result r = run("clients", "create", "--id", "bad-redirect", "--type", "public",
          "--redirect-uri", bad[0]);
      assertThat(r.exit()).as(bad[0]).isEqualTo(2);
      assertThat(r.err()).as(bad[0]).contains(bad[1]).doesNotContain("\tat ");
      assertThat(r.err().strip().lines()).as(bad[0]).hasSize(1);
    }
    assertThat(run("clients", "list").out()).doesNotContain("bad-redirect");
  }

  @Test
  void publicClientsCannotUseClientCredentialsPerRfc6749Section4_4() {
    Result r = run("clients", "create", "--id", "pub-cc", "--type", "public",
        "--grant-type", "client_credentials");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("public client cannot use client_credentials");
  }

  @Test
  void implicitAndPasswordGrantsDoNotExistInOAuth21() {
    Result r = run("clients", "create", "--id", "legacy", "--grant-type", "password");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not supported");
  }

  @Test
  void duplicateAndMissingClientsFailWithExitOne() {
    assertThat(run("clients", "create", "--id", "dup", "--grant-type", "client_credentials").exit()).isZero();
    Result again = run("clients", "create", "--id", "dup", "--grant-type", "client_credentials");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");

    assertThat(run("clients", "delete", "dup").exit()).isZero();
    Result missing = run("clients", "delete", "dup");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no client 'dup'");
    assertThat(outboxCount("client.deleted")).isPositive();
  }

  @Test
  void usersCreateListDisableEnableAndSetPassword() throws Exception {
    Result created = run("correct horse battery\n", env, "users", "create", "--username", "alice",
        "--email", "alice@example.com", "--name", "Alice", "--password-stdin");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain("correct horse");
    String hash = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT c.secret FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = 'alice'")
        .mapTo(String.class).one());
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

    JsonNode users = JSON.readTree(run("users", "list", "--json").out());
    assertThat(users.toString()).contains("\"username\":\"alice\"").contains("\"status\":\"active\"");

    assertThat(run("users", "disable", "alice").exit()).isZero();
    assertThat(run("users", "list").out()).containsPattern("alice\\s+alice@example.com\\s+disabled");
    assertThat(run("users", "enable", "alice").exit()).isZero();
    assertThat(run("users", "list").out()).containsPattern("alice\\s+alice@example.com\\s+active");

    Result generated = run("users", "set-password", "alice");
    assertThat(generated.exit()).isZero();
    assertThat(generated.out()).containsPattern("password: \\S{24}");
    assertThat(outboxCount("user.created")).isPositive();
    assertThat(outboxCount("user.disabled")).isPositive();
    assertThat(outboxCount("user.password_changed")).isPositive();
  }

  @Test
  void badUserInputIsRefusedWithExitTwo() {
    Result shortPassword = run("short\n", env, "users", "create", "--username", "bob", "--password-stdin");
    assertThat(shortPassword.exit()).isEqualTo(2);
    assertThat(shortPassword.err()).contains("8 to 1024 characters");
    Result badName = run("users", "create", "--username", "bob smith");
    assertThat(badName.exit()).isEqualTo(2);
    Result unknown = run("users", "disable", "nobody");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no user 'nobody'");
  }

  @Test
  void keysListShowsActiveKeysAndRotateAddsAPublishedSuccessor() throws Exception {
    Result before = run("keys", "list", "--json");
    assertThat(before.exit()).as(before.err()).isZero();
    JsonNode keys = JSON.readTree(before.out());
    assertThat(keys.findValuesAsText("alg")).contains("ES256", "RS256");
    assertThat(keys.findValuesAsText("state")).containsOnly("active");

    Result rotated = run("keys", "rotate", "--alg", "ES256");
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("New ES256 key").contains("published");

    JsonNode after = JSON.readTree(run("keys", "list", "--json").out());
    assertThat(after.size()).isEqualTo(keys.size() + 1);
    assertThat(after.findValuesAsText("state")).contains("published", "active");

    Result badAlg = run("keys", "rotate", "--alg", "HS256");
    assertThat(badAlg.exit()).isEqualTo(2);
    assertThat(badAlg.err()).contains("ES256, RS256 or EdDSA");
  }

  @Test
  void badConfigurationIsOneLineNamingTheVariableWithExitTwo() {
    Map<String, String> bad = new HashMap<>(env);
    bad.put("GATEHOUSE_HTTP_PORT", "eighty");
    for (String[] args : new String[][] {{"serve"}, {"migrate"}, {"clients", "list"}}) {
      Result r = run("", bad, args);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo(
          "gatehouse: configuration error: GATEHOUSE_HTTP_PORT: must be a whole number, got 'eighty'");
    }
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithExitOne() {
    Map<String, String> down = new HashMap<>(env);
    down.put("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/gatehouse");
    Result r = run("", down, "users", "list");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("gatehouse: ").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    assertThat(run("frobnicate").exit()).isEqualTo(2);
    assertThat(run("clients", "create").exit()).isEqualTo(2); // --id is required
    assertThat(run("--help").out()).contains("serve").contains("clients").contains("keys");
  }

  @Test
  void migrateReportsTheSchemaVersion() {
    Result r = run("migrate");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Schema at version");
  }
}
