package dev.gatehouse.server.admin;

import static dev.gatehouse.server.conformance.Provider.basic;
import static dev.gatehouse.server.conformance.Provider.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /admin/audit/events} against a real node: bearer authentication with the
 * {@code gatehouse:audit} scope, each filter, keyset pagination, problem+json errors, no secrets.
 */
class AuditEventsApiTest {
  /** Seeded events happen in 2020, well away from the events the test's own setup records now. */
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final int SEEDED = 30;
  static final String AUDITOR_SECRET = "auditor-secret-0123456789abcdefghijklmnop";
  static final String ROTATED_SECRET = "rotated-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA";
  static Provider provider;
  static String auditToken;
  static String readerToken;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    // Registered through the product's own client registration, so client.created events exist
    // for clients that have secrets.
    provider.node.node().clients().register(new ClientMetadata("auditor", "Auditor", ClientType.CONFIDENTIAL,
        Optional.of(AUDITOR_SECRET), List.of(), Set.of("client_credentials"), Set.of("gatehouse:audit"),
        Optional.empty(), List.of(), false));
    provider.node.node().clients().rotateSecret("auditor", Optional.of(ROTATED_SECRET));
    String readerSecret = provider.confidential("reader", "client_secret_basic", Set.of("client_credentials"),
        Set.of("a.read"));
    auditToken = token("auditor", ROTATED_SECRET, "gatehouse:audit");
    readerToken = token("reader", readerSecret, "a.read");

    // Even minutes: user-1 failed at app-a; odd minutes: user-2 succeeded at app-b.
    EventLog events = new EventLog(new JdbiOutbox(provider.database.jdbi()), URI.create(provider.issuer()));
    for (int i = 0; i < SEEDED; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i));
      if (i % 2 == 0) {
        events.record(new AuthEvent.UserLoginFailed("user-1", "app-a", "invalid_credentials", at));
      } else {
        events.record(new AuthEvent.UserLoginSucceeded("user-2", "app-b", "sid-" + i, at));
      }
    }
    events.record(new AuthEvent.SessionStarted("sid-x", "user-1", "app-a", List.of("pwd"),
        "urn:gatehouse:acr:password", T0.plus(Duration.ofMinutes(SEEDED))));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  static String token(String clientId, String secret, String scope) {
    HttpResponse<String> response = provider.token(basic(clientId, secret), "grant_type", "client_credentials",
        "scope", scope);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("access_token").asText();
  }

  static HttpResponse<String> audit(String query, String token) {
    return provider.get(AuditEventsEndpoint.PATH + (query.isEmpty() ? "" : "?" + query),
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  static JsonNode ok(String query) {
    HttpResponse<String> response = audit(query, auditToken);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    return json(response);
  }

  static List<JsonNode> events(JsonNode body) {
    List<JsonNode> list = new ArrayList<>();
    body.path("events").forEach(list::add);
    return list;
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String seededRange() {
    return "from=" + enc(T0.toString()) + "&to=" + enc(T0.plus(Duration.ofHours(1)).toString());
  }

  static JsonNode problem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = json(response);
    assertThat(body.path("type").asText()).isNotEmpty();
    assertThat(body.path("title").asText()).isNotEmpty();
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asText()).isNotEmpty();
    return body;
  }

  // ---- authentication ------------------------------------------------------------------------

  @Test
  void whenNoTokenThen401WithBareBearerChallenge() {
    HttpResponse<String> response = audit("", null);
    problem(response, 401);
    // RFC 6750 §3.1: no error code when the request carried no credentials.
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gatehouse\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."})
  void whenBadTokenThen401InvalidToken(String token) {
    HttpResponse<String> response = audit("", token);
    problem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer ").contains("error=\"invalid_token\""));
  }

  @Test
  void whenNotBearerSchemeThen401() {
    HttpResponse<String> response = provider.get(AuditEventsEndpoint.PATH,
        Map.of("Authorization", basic("auditor", ROTATED_SECRET)));
    problem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer "));
  }

  @Test
  void whenTokenLacksAuditScopeThen403InsufficientScope() {
    HttpResponse<String> response = audit("", readerToken);
    JsonNode body = problem(response, 403);
    assertThat(body.path("type").asText()).contains("insufficient-scope");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("error=\"insufficient_scope\"").contains("scope=\"gatehouse:audit\""));
  }

  @Test
  void whenTokenRevokedThen401() {
    String token = token("auditor", ROTATED_SECRET, "gatehouse:audit");
    assertThat(audit("limit=1", token).statusCode()).isEqualTo(200);
    HttpResponse<String> revoked = provider.post("/revoke", basic("auditor", ROTATED_SECRET),
        Provider.form("token", token));
    assertThat(revoked.statusCode()).isEqualTo(200);
    problem(audit("limit=1", token), 401);
  }

  // ---- filters -------------------------------------------------------------------------------

  @Test
  void eventsAreCloudEventsNewestFirst() {
    List<JsonNode> events = events(ok(seededRange() + "&limit=500"));
    assertThat(events).hasSize(SEEDED + 1);
    JsonNode first = events.get(0);
    assertThat(first.path("specversion").asText()).isEqualTo("1.0");
    assertThat(first.path("id").asText()).isNotEmpty();
    assertThat(first.path("source").asText()).isEqualTo(provider.issuer());
    assertThat(first.path("type").asText()).endsWith("session.started");
    assertThat(first.path("subject").asText()).isEqualTo("sid-x");
    assertThat(first.path("data").path("client_id").asText()).isEqualTo("app-a");
    List<Instant> times = events.stream().map(e -> Instant.parse(e.path("time").asText())).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void filtersBySubject() {
    List<JsonNode> events = events(ok("subject=user-2&limit=500"));
    assertThat(events).hasSize(SEEDED / 2).allSatisfy(e -> assertThat(e.path("subject").asText()).isEqualTo("user-2"));
  }

  @Test
  void filtersByClientId() {
    List<JsonNode> events = events(ok("client_id=app-a&limit=500"));
    assertThat(events).hasSize(SEEDED / 2 + 1)
        .allSatisfy(e -> assertThat(e.path("data").path("client_id").asText()).isEqualTo("app-a"));
    assertThat(events(ok("client_id=auditor"))).extracting(e -> e.path("type").asText())
        .anySatisfy(t -> assertThat(t).endsWith("client.created"))
        .anySatisfy(t -> assertThat(t).endsWith("client.secret_rotated"));
  }

  @Test
  void filtersByType() {
    List<JsonNode> failed = events(ok("type=user.login_failed&limit=500"));
    assertThat(failed).hasSize(SEEDED / 2).allSatisfy(e -> assertThat(e.path("type").asText()).endsWith("user.login_failed"));
    assertThat(events(ok("type=user.login_failed,session.started&limit=500"))).hasSize(SEEDED / 2 + 1);
    assertThat(events(ok("type=user.login_failed&type=session.started&limit=500"))).hasSize(SEEDED / 2 + 1);
    assertThat(events(ok("type=user.never_happens"))).isEmpty();
  }

  @Test
  void filtersByTimeRangeFromInclusiveToExclusive() {
    String from = T0.plus(Duration.ofMinutes(10)).toString();
    // The same instant as 00:20Z, written with an offset ('+' percent-encoded).
    String to = "2020-01-01T01:20:00+01:00";
    List<JsonNode> events = events(ok("from=" + enc(from) + "&to=" + enc(to)));
    assertThat(events).hasSize(10);
    assertThat(events.get(0).path("time").asText()).isEqualTo("2020-01-01T00:19:00Z");
    assertThat(events.get(9).path("time").asText()).isEqualTo("2020-01-01T00:10:00Z");
    assertThat(events(ok("to=" + enc(T0.toString())))).isEmpty();
  }

  @Test
  void combinesFilters() {
    String range = "from=" + enc(T0.plus(Duration.ofMinutes(5)).toString())
        + "&to=" + enc(T0.plus(Duration.ofMinutes(15)).toString());
    List<JsonNode> events = events(ok("subject=user-1&client_id=app-a&type=user.login_failed&" + range));
    // Even minutes 6, 8, 10, 12, 14.
    assertThat(events).extracting(e -> e.path("time").asText()).containsExactly(
        "2020-01-01T00:14:00Z", "2020-01-01T00:12:00Z", "2020-01-01T00:10:00Z", "2020-01-01T00:08:00Z",
        "2020-01-01T00:06:00Z");
    assertThat(events(ok("subject=user-1&client_id=app-b"))).isEmpty();
    assertThat(events(ok("subject=user-2&type=user.login_failed"))).isEmpty();
  }

  // ---- pagination ----------------------------------------------------------------------------

  @Test
  void pagesCoverEveryEventOnceInOrder() {
    List<String> all = events(ok(seededRange() + "&limit=500")).stream().map(e -> e.path("id").asText()).toList();
    assertThat(ok(seededRange() + "&limit=500").path("next_cursor").isNull()).isTrue();

    List<String> paged = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = ok(seededRange() + "&limit=7" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      List<JsonNode> events = events(page);
      sizes.add(events.size());
      events.forEach(e -> paged.add(e.path("id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null && sizes.size() < 20);

    assertThat(sizes).containsExactly(7, 7, 7, 7, 3);
    assertThat(new HashSet<>(paged)).hasSize(paged.size());
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void exactlyFullLastPageHasNoCursor() {
    JsonNode page = ok("type=user.login_failed&limit=15");
    assertThat(events(page)).hasSize(15);
    assertThat(page.path("next_cursor").isNull()).isTrue();
  }

  @Test
  void defaultLimitIsOneHundred() {
    assertThat(AuditEventsEndpoint.DEFAULT_LIMIT).isEqualTo(100);
    assertThat(events(ok(""))).hasSizeLessThanOrEqualTo(100);
  }

  // ---- bad parameters ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "limit=0", "limit=501", "limit=-1", "limit=ten", "limit=",
      "from=yesterday", "from=2020-01-01", "to=2020-01-01T00:00:00", "from=2020-01-01T00:00:00+01:00",
      "from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z",
      "cursor=garbage!", "cursor=" + "cDE6eA", "cursor=" + "eDox",
      "type=Not%20A%20Type", "type=user.login_failed,", "subject=a&subject=b", "colour=blue"})
  void badParametersAre400ProblemsNever500(String query) {
    JsonNode body = problem(audit(query, auditToken), 400);
    assertThat(body.path("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-parameter");
  }

  @Test
  void cursorDetailSaysWhatIsWrong() {
    JsonNode body = problem(audit("cursor=garbage", auditToken), 400);
    assertThat(body.path("detail").asText()).contains("cursor");
    JsonNode limit = problem(audit("limit=0", auditToken), 400);
    assertThat(limit.path("detail").asText()).contains("limit").contains("500");
    String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("p1:0".getBytes(StandardCharsets.UTF_8));
    problem(audit("cursor=" + cursor, auditToken), 400);
  }

  // ---- no secrets ----------------------------------------------------------------------------

  @Test
  void noEventContainsASecretOrToken() {
    HttpResponse<String> response = audit("limit=500", auditToken);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(json(response))).extracting(e -> e.path("type").asText())
        .anySatisfy(t -> assertThat(t).endsWith("client.created"));
    assertThat(response.body()).doesNotContain(AUDITOR_SECRET).doesNotContain(ROTATED_SECRET)
        .doesNotContain(auditToken).doesNotContain(readerToken);
  }
}
