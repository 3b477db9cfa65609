package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TokenClient against a token endpoint on the JDK's HTTP server. */
class TokenClientTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final AtomicInteger requests = new AtomicInteger();
  private final Queue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();
  private final Queue<Map<String, String>> forms = new ConcurrentLinkedQueue<>();
  private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final HttpServer server;
  private final URI endpoint;

  TokenClientTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void token(HttpExchange exchange) throws IOException {
    int n = requests.incrementAndGet();
    forms.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Integer status = plannedStatuses.poll();
    int code = status == null ? 200 : status;
    String body = code == 200
        ? "{\"access_token\":\"tok-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
        : "{\"error\":\"" + (code >= 500 ? "server_error" : "invalid_client") + "\"}";
    try {
      Thread.sleep(20); // long enough for concurrent callers to pile up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  private TokenClient client() {
    return TokenClient.builder().tokenEndpoint(endpoint).clientSecret("svc:orders", "p%ss w:rd")
        .scopes("billing:charge", "billing:read").clock(clock).retries(3, Duration.ofMillis(1)).build();
  }

  @Test
  void whenClientSecretBasicThenIdAndSecretAreFormEncodedBeforeBase64() throws Exception {
    assertThat(client().accessToken()).isEqualTo("tok-1");
    String basic = authorizations.peek();
    assertThat(basic).startsWith("Basic ");
    String decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo("svc%3Aorders:p%25ss+w%3Ard"); // RFC 6749 §2.3.1
    assertThat(forms.peek()).containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", "billing:charge billing:read");
  }

  @Test
  void whenTokenStillFreshThenCachedAndRenewedShortlyBeforeExpiry() throws Exception {
    TokenClient client = client();
    assertThat(client.accessToken()).isEqualTo("tok-1");
    clock.advance(Duration.ofSeconds(269));
    assertThat(client.accessToken()).isEqualTo("tok-1");
    clock.advance(Duration.ofSeconds(2)); // within 30 s of expiry
    assertThat(client.accessToken()).isEqualTo("tok-2");
    assertThat(requests).hasValue(2);
  }

  @Test
  void whenManyCallersNeedATokenAtOnceThenOneRequest() throws Exception {
    TokenClient client = client();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return client.accessToken();
        }));
      }
      go.countDown();
      for (Future<String> r : results) {
        assertThat(r.get()).isEqualTo("tok-1");
      }
    }
    assertThat(requests).hasValue(1);
  }

  @Test
  void whenServerErrorsThenRetriedWithBackoffUntilSuccess() throws Exception {
    plannedStatuses.addAll(List.of(503, 500));
    assertThat(client().accessToken()).isEqualTo("tok-3");
    assertThat(requests).hasValue(3);
  }

  @Test
  void whenServerKeepsFailingThenRetryableExceptionAfterMaxAttempts() {
    plannedStatuses.addAll(List.of(503, 503, 503, 503));
    TokenRequestException e = catchThrowableOfType(TokenRequestException.class, () -> client().accessToken());
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.isRetryable()).isTrue();
    assertThat(requests).hasValue(3);
  }

  @Test
  void whenClientErrorThenNeverRetried() {
    plannedStatuses.add(401);
    TokenRequestException e = catchThrowableOfType(TokenRequestException.class, () -> client().accessToken());
    assertThat(e.error()).isEqualTo("invalid_client");
    assertThat(e.isRetryable()).isFalse();
    assertThat(requests).hasValue(1);
  }

  @Test
  void whenEndpointUnreachableThenNetworkErrorIsRetryable() {
    server.stop(0);
    TokenRequestException e = catchThrowableOfType(TokenRequestException.class, () -> client().accessToken());
    assertThat(e.statusCode()).isZero();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void whenAuthorizingARequestThenBearerHeaderIsSet() throws Exception {
    HttpRequest request = client().authorize(HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"))).GET().build();
    assertThat(request.headers().firstValue("Authorization")).contains("Bearer tok-1");
  }

  @Test
  void whenInvalidatedThenNextCallRequestsAgain() throws Exception {
    TokenClient client = client();
    client.accessToken();
    client.invalidate();
    assertThat(client.accessToken()).isEqualTo("tok-2");
  }

  @Test
  void whenPrivateKeyJwtThenAssertionFollowsRfc7523() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("client-key").generate();
    TokenClient client = TokenClient.builder().tokenEndpoint(endpoint).privateKeyJwt("svc-orders", key)
        .clock(clock).build();
    assertThat(client.accessToken()).isEqualTo("tok-1");
    Map<String, String> form = forms.peek();
    assertThat(form).containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .containsEntry("client_id", "svc-orders");
    SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
    assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("svc-orders");
    assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("svc-orders");
    assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(endpoint.toString());
    assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(authorizations.peek()).isEmpty();
  }
}
