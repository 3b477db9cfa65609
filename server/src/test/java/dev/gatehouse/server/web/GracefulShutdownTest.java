package dev.gatehouse.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 2 §8: a graceful shutdown finishes in-flight requests, then refuses new ones. */
class GracefulShutdownTest {

  @Test
  void whenStoppedWhileARequestIsInFlightThenThatRequestCompletes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    Route slow = Route.get("/slow", (request, response, callback) -> {
      entered.countDown();
      Thread.sleep(1_000);
      HttpResponses.json(response, callback, 200, Map.of("done", true));
    });
    HttpServer server = new HttpServer("127.0.0.1", 0, List.of(slow), new SecurityHeaders(false),
        new SimpleMeterRegistry(), Duration.ofSeconds(10)).start();
    int port = server.port();
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    server.close();
    long stoppedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"done\":true}");
    // close() waited for the in-flight request rather than cutting it off.
    assertThat(stoppedAfterMs).isGreaterThanOrEqualTo(500);

    HttpClient fresh = HttpClient.newHttpClient();
    assertThatThrownBy(() -> fresh.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOfAny(ConnectException.class, IOException.class);
  }
}
