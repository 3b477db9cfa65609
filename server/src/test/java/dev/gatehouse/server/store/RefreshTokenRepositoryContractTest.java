package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.CodeConsumption.Reason;
import dev.gatehouse.server.store.RefreshTokenRotation.Invalid;
import dev.gatehouse.server.store.RefreshTokenRotation.Reused;
import dev.gatehouse.server.store.RefreshTokenRotation.Rotated;
import dev.gatehouse.server.store.RefreshTokenRotation.RotatedWithinLeeway;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiRefreshTokenRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefreshTokenRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.open(TestPostgres.createDatabase(), 20);
  private static final AuthorizationGrantRepository grants = new JdbiAuthorizationGrantRepository(db.jdbi());
  private static final RefreshTokenRepository tokens = new JdbiRefreshTokenRepository(db.jdbi());
  private static final String CLIENT = "mobile-app";
  private static final Duration LEEWAY = Duration.ofSeconds(10);
  private static final Instant LATER = T0.plus(Duration.ofDays(30));

  @BeforeAll
  static void parents() {
    new JdbiRegisteredClientRepository(db.jdbi(), Clock.systemUTC()).save(Fixtures.client(CLIENT));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** A grant with one current refresh token; returns the token. */
  private static RefreshToken family() {
    AuthorizationGrant grant = new AuthorizationGrant(UUID.randomUUID(), CLIENT, null, Set.of("orders"), T0, null);
    grants.save(grant);
    RefreshToken first = RefreshToken.first(unique("rt"), grant.grantId(), T0, T0.plus(Duration.ofDays(1)));
    tokens.issue(first);
    return first;
  }

  @Test
  void whenIssuedThenFindByHashRoundTripsEveryField() {
    RefreshToken token = family();
    assertThat(tokens.findByHash(token.tokenHash())).contains(token);
    assertThat(token.isActive(T0)).isTrue();
  }

  @Test
  void whenHashUnknownThenFindIsEmptyAndRotateIsInvalidUnknown() {
    assertThat(tokens.findByHash("no-such-token")).isEmpty();
    assertThat(tokens.rotate("no-such-token", unique("new"), LATER, T0, LEEWAY))
        .isEqualTo(new Invalid(Reason.UNKNOWN));
  }

  @Test
  void whenCurrentTokenRotatedThenItPointsAtItsSuccessorWhichIsActive() {
    // OAuth 2.1 §4.3.1: a new refresh token replaces the one presented.
    RefreshToken old = family();
    Instant now = T0.plusSeconds(30);
    String next = unique("next");
    RefreshTokenRotation result = tokens.rotate(old.tokenHash(), next, LATER, now, LEEWAY);

    RefreshToken expected = new RefreshToken(next, old.grantId(), old.tokenHash(), now, LATER, null, null, null);
    assertThat(result).isInstanceOfSatisfying(Rotated.class, rotated -> {
      assertThat(rotated.issued()).isEqualTo(expected);
      assertThat(rotated.grant()).isEqualTo(grants.findById(old.grantId()).orElseThrow());
    });
    assertThat(tokens.findByHash(next)).contains(expected);
    RefreshToken rotatedOld = tokens.findByHash(old.tokenHash()).orElseThrow();
    assertThat(rotatedOld.rotatedAt()).isEqualTo(now);
    assertThat(rotatedOld.successorHash()).isEqualTo(next);
    assertThat(rotatedOld.isActive(now)).isFalse();
  }

  @Test
  void whenTokenExpiredThenInvalidExpired() {
    RefreshToken old = family();
    assertThat(tokens.rotate(old.tokenHash(), unique("n"), LATER, old.expiresAt(), LEEWAY))
        .isEqualTo(new Invalid(Reason.EXPIRED));
  }

  @Test
  void whenGrantRevokedThenInvalidRevoked() {
    RefreshToken old = family();
    grants.revoke(old.grantId(), T0.plusSeconds(1));
    assertThat(tokens.rotate(old.tokenHash(), unique("n"), LATER, T0.plusSeconds(2), LEEWAY))
        .isEqualTo(new Invalid(Reason.REVOKED));
  }

  @Test
  void whenRotatedTokenPresentedAgainWithinLeewayThenSiblingIssuedAndNothingRevoked() {
    // Concurrent refresh by the same client (RFC 9700 §4.14.2 leaves room for a grace period).
    RefreshToken old = family();
    Instant rotatedAt = T0.plusSeconds(30);
    String first = unique("first");
    tokens.rotate(old.tokenHash(), first, LATER, rotatedAt, LEEWAY);
    String second = unique("second");
    Instant now = rotatedAt.plus(LEEWAY).minusNanos(1000);

    RefreshTokenRotation result = tokens.rotate(old.tokenHash(), second, LATER, now, LEEWAY);

    assertThat(result).isInstanceOfSatisfying(RotatedWithinLeeway.class, r -> {
      assertThat(r.issued()).isEqualTo(new RefreshToken(second, old.grantId(), old.tokenHash(), now, LATER, null, null, null));
      assertThat(r.grant().isRevoked()).isFalse();
    });
    assertThat(tokens.findByHash(first).orElseThrow().isActive(now)).isTrue();
    assertThat(tokens.findByHash(second).orElseThrow().isActive(now)).isTrue();
    assertThat(tokens.findByHash(old.tokenHash()).orElseThrow().successorHash()).isEqualTo(first);
  }

  @Test
  void whenRotatedTokenReusedAfterLeewayThenWholeFamilyIsRevoked() {
    // RFC 9700 §4.14.2: reuse of a rotated token revokes the active token of the family too.
    RefreshToken old = family();
    String next = unique("next");
    tokens.rotate(old.tokenHash(), next, LATER, T0.plusSeconds(30), LEEWAY);
    Instant now = T0.plusSeconds(30).plus(LEEWAY);

    assertThat(tokens.rotate(old.tokenHash(), unique("evil"), LATER, now, LEEWAY)).isEqualTo(new Reused(old.grantId()));

    assertThat(grants.findById(old.grantId()).orElseThrow().revokedAt()).isEqualTo(now);
    assertThat(tokens.findByHash(next).orElseThrow().revokedAt()).isEqualTo(now);
    assertThat(tokens.rotate(next, unique("n"), LATER, now.plusSeconds(1), LEEWAY)).isEqualTo(new Invalid(Reason.REVOKED));
  }

  @Test
  void whenSuccessorAlreadyUsedThenOldTokenWithinLeewayIsStillReuse() {
    RefreshToken old = family();
    String second = unique("second");
    String third = unique("third");
    tokens.rotate(old.tokenHash(), second, LATER, T0.plusSeconds(30), LEEWAY);
    tokens.rotate(second, third, LATER, T0.plusSeconds(31), LEEWAY);

    assertThat(tokens.rotate(old.tokenHash(), unique("evil"), LATER, T0.plusSeconds(32), LEEWAY))
        .isEqualTo(new Reused(old.grantId()));
    assertThat(tokens.findByHash(third).orElseThrow().revokedAt()).isNotNull();
  }

  @Test
  void aRotatedTokenPresentedAfterItsExpiryIsStillReuse() {
    RefreshToken old = family();
    tokens.rotate(old.tokenHash(), unique("next"), LATER, T0.plusSeconds(30), LEEWAY);
    assertThat(tokens.rotate(old.tokenHash(), unique("late"), LATER, old.expiresAt().plusSeconds(1), LEEWAY))
        .isEqualTo(new Reused(old.grantId()));
  }

  @Test
  void aZeroLeewayTreatsEveryRepeatAsReuse() {
    RefreshToken old = family();
    tokens.rotate(old.tokenHash(), unique("next"), LATER, T0.plusSeconds(30), Duration.ZERO);
    assertThat(tokens.rotate(old.tokenHash(), unique("again"), LATER, T0.plusSeconds(30), Duration.ZERO))
        .isEqualTo(new Reused(old.grantId()));
  }

  @Test
  void aNegativeLeewayIsRejected() {
    assertThatThrownBy(() -> tokens.rotate("x", "y", LATER, T0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenSixteenThreadsRotateTheSameTokenThenExactlyOneRotatesAndTheRestGetSiblings() throws Exception {
    RefreshToken old = family();
    AtomicInteger n = new AtomicInteger();
    List<RefreshTokenRotation> results = Race.run(16,
        () -> tokens.rotate(old.tokenHash(), old.tokenHash() + "-" + n.incrementAndGet(), LATER, T0.plusSeconds(5), LEEWAY));
    assertThat(results).filteredOn(Rotated.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(RotatedWithinLeeway.class::isInstance).hasSize(15);
    assertThat(grants.findById(old.grantId()).orElseThrow().isRevoked()).isFalse();
  }

  @Test
  void whenSixteenThreadsRotateTheSameTokenWithoutLeewayThenOneRotatesAndTheFamilyIsRevoked() throws Exception {
    RefreshToken old = family();
    AtomicInteger n = new AtomicInteger();
    List<RefreshTokenRotation> results = Race.run(16,
        () -> tokens.rotate(old.tokenHash(), old.tokenHash() + "-" + n.incrementAndGet(), LATER, T0.plusSeconds(5), Duration.ZERO));
    assertThat(results).filteredOn(Rotated.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(Reused.class::isInstance).isNotEmpty();
    assertThat(results).filteredOn(r -> !(r instanceof Rotated))
        .allSatisfy(r -> assertThat(r).isIn(new Reused(old.grantId()), new Invalid(Reason.REVOKED)));
    assertThat(grants.findById(old.grantId()).orElseThrow().isRevoked()).isTrue();
  }
}
