package dev.gatehouse.server.store;

import dev.gatehouse.server.testing.MutableClock;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiBrowserSessionRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BrowserSessionRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final MutableClock clock = MutableClock.at("2026-05-01T09:00:00Z");
  private static final BrowserSessionRepository sessions = new JdbiBrowserSessionRepository(db.jdbi(), clock);
  private static final UserRepository users = new JdbiUserRepository(db.jdbi());
  private static final Instant START = Instant.parse("2026-05-01T08:00:00.000001Z");
  private static final Instant EXPIRES = START.plus(Duration.ofHours(8));

  @AfterAll
  static void close() {
    db.close();
  }

  private static UUID newUser() {
    User user = Fixtures.user(unique("u"));
    users.create(user);
    return user.id();
  }

  private static BrowserSession newSession(UUID userId) {
    BrowserSession session = new BrowserSession(unique("sid"), userId, START, START.plusSeconds(1), EXPIRES,
        START.plusSeconds(2), List.of("pwd", "otp"), "urn:gatehouse:acr:mfa", null);
    sessions.create(session);
    return session;
  }

  @Test
  void whenCreatedThenFindActiveRoundTripsEveryFieldKeepingAmrOrder() {
    BrowserSession session = newSession(newUser());
    assertThat(sessions.findActive(session.idHash(), START)).contains(session);
  }

  @Test
  void aSessionWithoutAcrOrAmrRoundTrips() {
    BrowserSession session = new BrowserSession(unique("sid"), newUser(), START, START, EXPIRES, START,
        List.of(), null, null);
    sessions.create(session);
    assertThat(sessions.findActive(session.idHash(), START)).contains(session);
  }

  @Test
  void whenTheSameIdHashIsCreatedTwiceThenDuplicateKey() {
    BrowserSession session = newSession(newUser());
    assertThatThrownBy(() -> sessions.create(session)).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void whenExpiredOrUnknownThenNotActive() {
    BrowserSession session = newSession(newUser());
    assertThat(sessions.findActive(session.idHash(), EXPIRES)).isEmpty();
    assertThat(sessions.findActive(session.idHash(), EXPIRES.minusNanos(1000))).isPresent();
    assertThat(sessions.findActive("no-such-session", START)).isEmpty();
  }

  @Test
  void touchRecordsLastSeenAndExtendsExpiry() {
    BrowserSession session = newSession(newUser());
    Instant now = START.plus(Duration.ofHours(1));
    Instant extended = now.plus(Duration.ofHours(8));
    assertThat(sessions.touch(session.idHash(), now, extended)).isTrue();
    BrowserSession touched = sessions.findActive(session.idHash(), now).orElseThrow();
    assertThat(touched.lastSeenAt()).isEqualTo(now);
    assertThat(touched.expiresAt()).isEqualTo(extended);
  }

  @Test
  void touchCannotRevivePastExpiry() {
    BrowserSession session = newSession(newUser());
    assertThat(sessions.touch(session.idHash(), EXPIRES, EXPIRES.plus(Duration.ofHours(1)))).isFalse();
    assertThat(sessions.findActive(session.idHash(), EXPIRES)).isEmpty();
  }

  @Test
  void endedSessionsAreNotActiveAndCannotBeTouchedOrEndedAgain() {
    BrowserSession session = newSession(newUser());
    assertThat(sessions.end(session.idHash())).isTrue();
    assertThat(sessions.findActive(session.idHash(), START)).isEmpty();
    assertThat(sessions.touch(session.idHash(), START, EXPIRES)).isFalse();
    assertThat(sessions.end(session.idHash())).isFalse();
    assertThat(sessions.end("no-such-session")).isFalse();
  }

  @Test
  void endAllForUserEndsOnlyThatUsersOpenSessions() {
    UUID user = newUser();
    UUID other = newUser();
    BrowserSession a = newSession(user);
    BrowserSession b = newSession(user);
    BrowserSession alreadyEnded = newSession(user);
    sessions.end(alreadyEnded.idHash());
    BrowserSession others = newSession(other);

    assertThat(sessions.endAllForUser(user)).isEqualTo(2);

    assertThat(sessions.findActive(a.idHash(), START)).isEmpty();
    assertThat(sessions.findActive(b.idHash(), START)).isEmpty();
    assertThat(sessions.findActive(others.idHash(), START)).isPresent();
    assertThat(sessions.endAllForUser(user)).isZero();
  }
}
