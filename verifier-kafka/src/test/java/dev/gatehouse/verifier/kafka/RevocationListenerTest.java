package dev.gatehouse.verifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.Revocations;
import dev.gatehouse.verifier.TokenVerificationException;
import dev.gatehouse.verifier.TokenVerificationException.Reason;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real in-process broker: CloudEvents published like the server's relay publishes them
 * make a verifier sharing the listener's {@link Revocations} refuse the matching tokens within a
 * second, cache hits included.
 */
class RevocationListenerTest {
  private static final Duration WITHIN = Duration.ofSeconds(1);
  private static final ConcurrentLinkedQueue<String> LATENCIES = new ConcurrentLinkedQueue<>();

  private final TestIssuer issuer = TestIssuer.start();
  private final Revocations revocations = Revocations.create();
  private final JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE)
      .jwksUri(issuer.jwksUri()).revocations(revocations).build();
  private final KafkaProducer<String, byte[]> producer = TestKafka.producer();
  private String topic;
  private RevocationListener listener;

  @BeforeEach
  void start() throws Exception {
    topic = TestKafka.freshTopic(3);
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
    producer.close();
    issuer.close();
  }

  @AfterAll
  static void report() {
    System.out.println("publish → REVOKED: " + LATENCIES);
  }

  private RevocationListener listen() throws InterruptedException {
    listener = RevocationListener.builder().bootstrapServers(TestKafka.bootstrapServers()).topic(topic)
        .revocations(revocations).assignAllPartitions(Duration.ZERO).start();
    assertThat(listener.awaitReady(Duration.ofSeconds(30))).isTrue();
    return listener;
  }

  private static String event(String type, String subject, Instant time, String dataJson) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"https://id.example.com\","
        + "\"type\":\"dev.gatehouse." + type + "\",\"subject\":\"" + subject + "\",\"time\":\"" + time + "\","
        + "\"datacontenttype\":\"application/json\",\"schemaversion\":1,\"data\":" + dataJson + "}";
  }

  private void publish(String key, String value) throws Exception {
    publish(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private void publish(String key, byte[] value) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, System.currentTimeMillis(), key, value,
        List.of(new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8))));
    producer.send(record).get();
  }

  private Reason refusal(String token) {
    TokenVerificationException e = catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token));
    return e == null ? null : e.reason();
  }

  /** Publishes, then verifies {@code token} until refused; returns the time from publish to refusal. */
  private Duration publishAndTimeRefusal(String what, String token, String key, String value) throws Exception {
    assertThat(refusal(token)).as("accepted (and cached) before the event").isNull();
    long t0 = System.nanoTime();
    publish(key, value);
    long deadline = t0 + Duration.ofSeconds(5).toNanos();
    while (refusal(token) != Reason.REVOKED && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(refusal(token)).as(what).isEqualTo(Reason.REVOKED);
    LATENCIES.add(what + " " + took.toMillis() + " ms");
    assertThat(took).as(what + ": publish → REVOKED").isLessThan(WITHIN);
    return took;
  }

  @Test
  void whenSessionEndedThenItsTokensAreRefusedWithinASecond() throws Exception {
    listen();
    String token = issuer.token().subject("u-1").sessionId("s-1").claim("gid", "g-1").sign();
    String otherSession = issuer.token().subject("u-1").sessionId("s-2").claim("gid", "g-2").sign();
    publishAndTimeRefusal("session.ended", token, "s-1",
        event("session.ended", "s-1", Instant.now(), "{\"sid\":\"s-1\",\"user_id\":\"u-1\",\"reason\":\"logout\"}"));
    assertThat(refusal(otherSession)).isNull();
  }

  @Test
  void whenUserDisabledThenTokensIssuedBeforeAreRefusedWithinASecond() throws Exception {
    listen();
    String token = issuer.token().subject("u-2").sessionId("s-3").claim("gid", "g-3")
        .issuedAt(Instant.now().minusSeconds(2)).sign();
    String otherUser = issuer.token().subject("u-3").issuedAt(Instant.now().minusSeconds(2)).sign();
    publishAndTimeRefusal("user.disabled", token, "u-2",
        event("user.disabled", "u-2", Instant.now(), "{\"user_id\":\"u-2\"}"));
    assertThat(refusal(otherUser)).isNull();
  }

  @Test
  void whenGrantRevokedOrCompromisedThenItsTokensAreRefusedWithinASecond() throws Exception {
    listen();
    String revoked = issuer.token().subject("u-4").sessionId("s-4").claim("gid", "g-4").sign();
    String reused = issuer.token().subject("u-4").sessionId("s-4").claim("gid", "g-5").sign();
    String replayed = issuer.token().subject("u-4").claim("gid", "g-6").sign();
    String untouched = issuer.token().subject("u-4").sessionId("s-4").claim("gid", "g-7").sign();
    publishAndTimeRefusal("token.revoked", revoked, "g-4", event("token.revoked", "g-4", Instant.now(),
        "{\"grant_id\":\"g-4\",\"client_id\":\"app\",\"reason\":\"refresh_token_revoked\"}"));
    publishAndTimeRefusal("refresh_token.reuse_detected", reused, "g-5",
        event("refresh_token.reuse_detected", "g-5", Instant.now(), "{\"grant_id\":\"g-5\",\"client_id\":\"app\"}"));
    publishAndTimeRefusal("authorization_code.replayed", replayed, "g-6",
        event("authorization_code.replayed", "g-6", Instant.now(), "{\"grant_id\":\"g-6\",\"client_id\":\"app\"}"));
    assertThat(refusal(untouched)).isNull();
  }

  @Test
  void whenAClientCredentialsTokenIsRevokedThenItIsRefusedByJtiWithinASecond() throws Exception {
    listen();
    String revoked = issuer.token().subject("svc").jti("jti-1").sign();
    String other = issuer.token().subject("svc").jti("jti-2").sign();
    publishAndTimeRefusal("access_token.revoked", revoked, "jti-1", event("access_token.revoked", "jti-1",
        Instant.now(), "{\"jti\":\"jti-1\",\"client_id\":\"svc\",\"expires_at\":\"2030-01-01T00:00:00Z\"}"));
    assertThat(refusal(other)).isNull();
  }

  @Test
  void whenRecordsAreUnknownOrMalformedThenTheyAreSkippedAndLaterEventsStillApply() throws Exception {
    listen();
    publish("x", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    publish("x", (byte[]) null);
    publish("x", "not json");
    publish("x", "[1,2,3]");
    publish("x", "{\"type\":42}");
    publish("x", event("session.ended", "s-9", Instant.now(), "{\"user_id\":\"u-9\"}"));
    publish("x", event("session.ended", "s-9", Instant.now(), "\"a string\""));
    publish("x", event("token.revoked", "g-9", Instant.now(), "{\"grant_id\":17}"));
    publish("x", event("user.created", "u-9", Instant.now(), "{\"user_id\":\"u-9\",\"username\":\"eve\"}"));
    publish("x", event("user.enabled", "u-9", Instant.now(), "{\"user_id\":\"u-9\"}"));
    publish("x", "{\"type\":\"com.example.session.ended\",\"data\":{\"sid\":\"s-9\"}}");
    String token = issuer.token().subject("u-9").sessionId("s-9").claim("gid", "g-9").sign();
    publishAndTimeRefusal("session.ended after junk", token, "s-9",
        event("session.ended", "s-9", Instant.now(), "{\"sid\":\"s-9\",\"user_id\":\"u-9\",\"reason\":\"logout\"}"));
    assertThat(listener.recordsMalformed()).isEqualTo(8);
    assertThat(listener.eventsIgnored()).isEqualTo(3);
    assertThat(listener.eventsApplied()).isEqualTo(1);
  }

  @Test
  void whenStartedWithALookBackThenRecentEventsPublishedBeforeStartApply() throws Exception {
    String token = issuer.token().subject("u-10").sessionId("s-10").sign();
    publish("s-10", event("session.ended", "s-10", Instant.now(), "{\"sid\":\"s-10\",\"user_id\":\"u-10\"}"));
    listener = RevocationListener.builder().bootstrapServers(TestKafka.bootstrapServers()).topic(topic)
        .revocations(revocations).assignAllPartitions(Duration.ofMinutes(5)).start();
    assertThat(listener.awaitReady(Duration.ofSeconds(30))).isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (refusal(token) != Reason.REVOKED && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(refusal(token)).isEqualTo(Reason.REVOKED);
  }

  @Test
  void whenConsumingInAGroupThenEventsApplyToo() throws Exception {
    listener = RevocationListener.builder().bootstrapServers(TestKafka.bootstrapServers()).topic(topic)
        .revocations(revocations).groupId("orders-" + UUID.randomUUID()).start();
    assertThat(listener.awaitReady(Duration.ofSeconds(30))).isTrue();
    String token = issuer.token().subject("u-11").claim("gid", "g-11").sign();
    publishAndTimeRefusal("token.revoked (group)", token, "g-11",
        event("token.revoked", "g-11", Instant.now(), "{\"grant_id\":\"g-11\",\"client_id\":\"app\"}"));
  }

  @Test
  void whenClosedThenTheThreadStopsWithinASecond() throws Exception {
    listen();
    long t0 = System.nanoTime();
    listener.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
        t -> t.getName().equals("gatehouse-revocation-listener") && t.isAlive());
    listener = null;
  }
}
