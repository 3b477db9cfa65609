package dev.gatehouse.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.store.OutboxEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue event becomes a CloudEvents 1.0 envelope that matches its JSON Schema in
 * docs/events/ (checked with the subset of JSON Schema those files use).
 */
class CloudEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI ISSUER = URI.create("https://id.example.com");
  private static final Instant AT = Instant.parse("2026-11-24T03:40:12.345678Z");
  private static final Path SCHEMAS = Path.of("..", "docs", "events");

  static List<AuthEvent> oneOfEach() {
    String user = UUID.randomUUID().toString();
    return List.of(
        new AuthEvent.UserCreated(user, "alice", "alice@example.com", AT),
        new AuthEvent.UserCreated(user, "bob", null, AT),
        new AuthEvent.UserDisabled(user, AT),
        new AuthEvent.UserEnabled(user, AT),
        new AuthEvent.PasswordChanged(user, "upgraded", AT),
        new AuthEvent.ClientCreated("demo-app", "public", List.of("https://app.example/cb"),
            Set.of("authorization_code", "refresh_token"), Set.of("openid"), AT),
        new AuthEvent.ClientSecretRotated("demo-service", AT),
        new AuthEvent.ClientDeleted("demo-service", AT),
        new AuthEvent.SigningKeyRotated("kid-2", "ES256", "kid-1", AT.plusSeconds(3600), AT),
        new AuthEvent.SessionStarted("sid-1", user, "demo-app", List.of("pwd"), "urn:gatehouse:acr:password", AT),
        new AuthEvent.SessionEnded("sid-1", user, "logout", AT),
        new AuthEvent.UserLoginSucceeded(user, "demo-app", "sid-1", AT),
        new AuthEvent.UserLoginFailed(null, "demo-app", "invalid_credentials", AT),
        new AuthEvent.UserLoginFailed(user, "demo-app", "invalid_credentials", AT),
        new AuthEvent.RefreshTokenReuseDetected(UUID.randomUUID().toString(), "demo-app", AT),
        new AuthEvent.AuthorizationCodeReplayed(UUID.randomUUID().toString(), "demo-app", AT),
        new AuthEvent.TokenRevoked(UUID.randomUUID().toString(), "demo-app", "revocation_endpoint", AT),
        new AuthEvent.AccessTokenRevoked(UUID.randomUUID().toString(), "demo-service", AT.plusSeconds(600), AT),
        new AuthEvent.ConsentGranted(user, "demo-app", List.of("openid", "profile"), AT),
        new AuthEvent.ConsentRevoked(user, "demo-app", AT));
  }

  @Test
  void everyCatalogueTypeHasASampleAndASchema() throws Exception {
    Set<Class<?>> sampled = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(sampled).containsExactlyInAnyOrderElementsOf(
        Arrays.asList(AuthEvent.class.getPermittedSubclasses()));
    Set<String> schemas;
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      schemas = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    for (AuthEvent event : oneOfEach()) {
      assertThat(schemas).contains(event.type() + ".schema.json");
    }
  }

  @ParameterizedTest
  @MethodSource("oneOfEach")
  void envelopeMatchesItsSchema(AuthEvent event) throws Exception {
    List<OutboxEvent> written = new ArrayList<>();
    new EventLog(new RecordingOutbox(written), ISSUER).record(event);
    OutboxEvent row = written.get(0);
    JsonNode envelope = JSON.readTree(row.payload());

    assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
    assertThat(envelope.get("id").asText()).isEqualTo(row.id().toString());
    assertThat(envelope.get("source").asText()).isEqualTo("https://id.example.com");
    assertThat(envelope.get("type").asText()).isEqualTo("dev.gatehouse." + event.type());
    assertThat(envelope.get("subject").asText()).isEqualTo(event.aggregateId()).isEqualTo(row.aggregateId());
    assertThat(Instant.parse(envelope.get("time").asText())).isEqualTo(AT);
    assertThat(row.eventType()).isEqualTo(event.type());

    JsonNode schema = JSON.readTree(SCHEMAS.resolve(event.type() + ".schema.json").toFile());
    List<String> problems = new ArrayList<>();
    validate(schema, envelope, "$", problems);
    assertThat(problems).isEmpty();
  }

  /** The JSON Schema keywords docs/events/ uses: type, const, enum, required, properties, additionalProperties, items. */
  private static void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("const") && !schema.get("const").equals(value)) {
      problems.add(at + ": expected " + schema.get("const") + ", got " + value);
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode option : schema.get("enum")) {
        found |= option.equals(value);
      }
      if (!found) {
        problems.add(at + ": " + value + " not in " + schema.get("enum"));
      }
    }
    if (schema.has("type")) {
      JsonNode type = schema.get("type");
      List<String> allowed = new ArrayList<>();
      if (type.isArray()) {
        type.forEach(t -> allowed.add(t.asText()));
      } else {
        allowed.add(type.asText());
      }
      if (!allowed.contains(typeOf(value))) {
        problems.add(at + ": expected " + allowed + ", got " + typeOf(value));
        return;
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at + ": missing " + required.asText());
        }
      }
      boolean closed = schema.path("additionalProperties").isBoolean()
          && !schema.get("additionalProperties").asBoolean();
      for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (properties.has(name)) {
          validate(properties.get(name), value.get(name), at + "." + name, problems);
        } else if (closed) {
          problems.add(at + ": undocumented property " + name);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  private static String typeOf(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.isObject() ? "object" : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
