package dev.gatehouse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, and the shape of every error (issue 2 §8 and "Bad input and faults"). */
class OperabilityTest {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void liveAndReadyAnswerUpWhileTheDatabaseIsReachable() {
    HttpResponse<String> live = node.get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
    HttpResponse<String> ready = node.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\":\"UP\"");
    assertThat(ready.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void unknownPathIsAJson404WithNoStore() {
    HttpResponse<String> response = node.get("/no/such/thing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.body()).contains("\"error\":\"not_found\"");
  }

  @Test
  void wrongMethodIs405WithAllowPerRfc9110Section15_5_6() {
    HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/health/live"))
        .DELETE().build());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    assertThat(response.body()).contains("\"error\":\"method_not_allowed\"");
  }

  @Test
  void headIsAnsweredWhereGetIs() {
    HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/health/live"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    HttpResponse<String> response = node.get("/health/live");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(response.headers().firstValue("Server")).isEmpty();
    // http issuer: no HSTS (it would pin plain-http localhost to https in browsers).
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void malformedRequestLineGetsA400JsonErrorNotAStackTrace() throws IOException {
    String raw = rawRequest("GET /health/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(raw).contains("\"error\":\"invalid_request\"").doesNotContain("at org.eclipse");
  }

  @Test
  void oversizedHeadersGetA4xxJsonError() throws IOException {
    String raw = rawRequest("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
        + "a".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
    // Jetty answers 413 when the request head overflows its buffer (RFC 6585 §5 would say 431).
    assertThat(raw).matches("(?s)HTTP/1\\.1 (413|431) .*");
    assertThat(raw).contains("\"error\":\"request_too_large\"");
  }

  @Test
  void metricsExposePerRouteHistogramsJvmAndPoolInPrometheusFormat() {
    node.get("/health/live");
    node.get("/health/ready");
    HttpResponse<String> metrics = node.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health/live\",status=\"200\"}")
        .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/health/ready\",status=\"200\",le=")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads")
        .contains("hikaricp_connections_active{pool=\"gatehouse\"}");
  }

  private static String rawRequest(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
