package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.CodeConsumption.Consumed;
import dev.gatehouse.server.store.CodeConsumption.Invalid;
import dev.gatehouse.server.store.CodeConsumption.Reason;
import dev.gatehouse.server.store.CodeConsumption.Replayed;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiRefreshTokenRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationGrantRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.open(TestPostgres.createDatabase(), 20);
  private static final AuthorizationGrantRepository grants = new JdbiAuthorizationGrantRepository(db.jdbi());
  private static final RefreshTokenRepository refreshTokens = new JdbiRefreshTokenRepository(db.jdbi());
  private static final String CLIENT = "web-app";
  private static final Instant EXPIRES = T0.plusSeconds(60);
  private static User user;

  @BeforeAll
  static void parents() {
    new JdbiRegisteredClientRepository(db.jdbi(), Clock.systemUTC()).save(Fixtures.client(CLIENT));
    user = Fixtures.user("alice");
    new JdbiUserRepository(db.jdbi()).create(user);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static AuthorizationGrant newGrant() {
    return new AuthorizationGrant(UUID.randomUUID(), CLIENT, user.id(), Set.of("openid", "profile"), T0, null);
  }

  /** Saves a grant with a fresh code and returns the code. */
  private static AuthorizationCode saveWithCode() {
    AuthorizationGrant grant = newGrant();
    AuthorizationCode code = AuthorizationCode.issued(
        unique("code"), grant.grantId(), "https://app.example/cb",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", "n-0S6_WzA2Mj", EXPIRES);
    grants.save(grant, code);
    return code;
  }

  @Test
  void whenGrantSavedWithAuthenticationDetailsThenTheyRoundTripThroughCodeConsumption() {
    GrantDetails details = new GrantDetails(T0.minusSeconds(30), "urn:gatehouse:acr:pwd",
        List.of("pwd", "otp"), "sid-123", "{\"id_token\": {\"email\": {\"essential\": true}}}",
        List.of("https://api.example.com/"));
    AuthorizationGrant grant = new AuthorizationGrant(UUID.randomUUID(), CLIENT, user.id(),
        Set.of("openid"), T0, null, details);
    AuthorizationCode code = AuthorizationCode.issued(unique("code"), grant.grantId(),
        "https://app.example/cb", null, null, null, EXPIRES);
    grants.save(grant, code);
    AuthorizationGrant stored = grants.findById(grant.grantId()).orElseThrow();
    assertThat(stored.details().authTime()).isEqualTo(details.authTime());
    assertThat(stored.details().amr()).containsExactly("pwd", "otp");
    assertThat(stored.details().sessionId()).isEqualTo("sid-123");
    assertThat(stored.details().resources()).containsExactly("https://api.example.com/");
    assertThat(stored.details().claimsRequest()).contains("\"essential\": true");
    assertThat(grants.consumeCode(code.codeHash(), T0))
        .isInstanceOfSatisfying(Consumed.class, c -> assertThat(c.grant().details().acr())
            .isEqualTo("urn:gatehouse:acr:pwd"));
  }

  @Test
  void whenGrantSavedThenEveryFieldRoundTrips() {
    AuthorizationGrant grant = newGrant();
    grants.save(grant);
    assertThat(grants.findById(grant.grantId())).contains(grant);
  }

  @Test
  void aClientCredentialsGrantHasNoUser() {
    AuthorizationGrant grant = new AuthorizationGrant(UUID.randomUUID(), CLIENT, null, Set.of(), T0, null);
    grants.save(grant);
    assertThat(grants.findById(grant.grantId())).contains(grant);
  }

  @Test
  void whenGrantUnknownThenEmpty() {
    assertThat(grants.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aCodeMustBelongToTheGrantItIsSavedWith() {
    AuthorizationCode other = AuthorizationCode.issued("h", UUID.randomUUID(), "https://x", null, null, null, EXPIRES);
    assertThatThrownBy(() -> grants.save(newGrant(), other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenCodeConsumedThenGrantAndEveryCodeFieldAreReturned() {
    AuthorizationCode code = saveWithCode();
    Instant now = T0.plusSeconds(10);
    CodeConsumption result = grants.consumeCode(code.codeHash(), now);
    assertThat(result).isInstanceOfSatisfying(Consumed.class, consumed -> {
      assertThat(consumed.grant()).isEqualTo(grants.findById(code.grantId()).orElseThrow());
      assertThat(consumed.code()).isEqualTo(new AuthorizationCode(code.codeHash(), code.grantId(),
          code.redirectUri(), code.codeChallenge(), code.codeChallengeMethod(), code.nonce(),
          code.expiresAt(), now, null));
    });
  }

  @Test
  void aCodeWithoutPkceOrNonceRoundTrips() {
    AuthorizationGrant grant = newGrant();
    AuthorizationCode code = AuthorizationCode.issued(unique("code"), grant.grantId(), "https://app.example/cb",
        null, null, null, EXPIRES);
    grants.save(grant, code);
    assertThat(grants.consumeCode(code.codeHash(), T0)).isInstanceOfSatisfying(Consumed.class,
        consumed -> assertThat(consumed.code().codeChallenge()).isNull());
  }

  @Test
  void whenCodeConsumedTwiceThenSecondIsReplayWithGrantId() {
    // RFC 6749 §4.1.2: a code used twice MUST be denied and SHOULD revoke what it issued.
    AuthorizationCode code = saveWithCode();
    assertThat(grants.consumeCode(code.codeHash(), T0.plusSeconds(1))).isInstanceOf(Consumed.class);
    assertThat(grants.consumeCode(code.codeHash(), T0.plusSeconds(2))).isEqualTo(new Replayed(code.grantId()));
  }

  @Test
  void whenCodeReplayedAfterItsGrantWasRevokedThenStillReplay() {
    AuthorizationCode code = saveWithCode();
    grants.consumeCode(code.codeHash(), T0.plusSeconds(1));
    grants.revoke(code.grantId(), T0.plusSeconds(2));
    assertThat(grants.consumeCode(code.codeHash(), T0.plusSeconds(3))).isEqualTo(new Replayed(code.grantId()));
  }

  @Test
  void whenCodeUsedAtOrAfterExpiryThenInvalidExpired() {
    // RFC 6749 §4.1.2: codes are short-lived.
    AuthorizationCode code = saveWithCode();
    assertThat(grants.consumeCode(code.codeHash(), EXPIRES)).isEqualTo(new Invalid(Reason.EXPIRED));
    assertThat(grants.consumeCode(code.codeHash(), EXPIRES.minusNanos(1000))).isInstanceOf(Consumed.class);
  }

  @Test
  void whenCodeUnknownThenInvalidUnknown() {
    assertThat(grants.consumeCode("no-such-code", T0)).isEqualTo(new Invalid(Reason.UNKNOWN));
  }

  @Test
  void whenGrantRevokedThenItsUnusedCodeIsInvalidRevoked() {
    AuthorizationCode code = saveWithCode();
    assertThat(grants.revoke(code.grantId(), T0.plusSeconds(1))).isTrue();
    assertThat(grants.consumeCode(code.codeHash(), T0.plusSeconds(2))).isEqualTo(new Invalid(Reason.REVOKED));
  }

  @Test
  void revokingAGrantRevokesItsRefreshTokensAndKeepsTheFirstRevocationTime() {
    // RFC 7009 §2.1 / RFC 6749 §4.1.2: revoke everything the grant issued, in one call.
    AuthorizationCode code = saveWithCode();
    grants.consumeCode(code.codeHash(), T0);
    refreshTokens.issue(RefreshToken.first("rt-a-" + code.codeHash(), code.grantId(), T0, T0.plus(Duration.ofDays(1))));
    refreshTokens.issue(RefreshToken.first("rt-b-" + code.codeHash(), code.grantId(), T0, T0.plus(Duration.ofDays(1))));
    Instant revokedAt = T0.plusSeconds(5);

    assertThat(grants.revoke(code.grantId(), revokedAt)).isTrue();
    assertThat(grants.revoke(code.grantId(), revokedAt.plusSeconds(5))).isTrue();

    assertThat(grants.findById(code.grantId()).orElseThrow().revokedAt()).isEqualTo(revokedAt);
    for (String hash : List.of("rt-a-" + code.codeHash(), "rt-b-" + code.codeHash())) {
      RefreshToken token = refreshTokens.findByHash(hash).orElseThrow();
      assertThat(token.revokedAt()).isEqualTo(revokedAt);
      assertThat(token.isActive(revokedAt)).isFalse();
    }
  }

  @Test
  void whenRevokingUnknownGrantThenFalse() {
    assertThat(grants.revoke(UUID.randomUUID(), T0)).isFalse();
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {2, 16})
  void whenThreadsConsumeTheSameCodeAtOnceThenExactlyOneWins(int threads) throws Exception {
    // RFC 6749 §4.1.2 under concurrency: one code, one token response.
    AuthorizationCode code = saveWithCode();
    List<CodeConsumption> results = Race.run(threads, () -> grants.consumeCode(code.codeHash(), T0.plusSeconds(1)));
    assertThat(results).filteredOn(Consumed.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(r -> !(r instanceof Consumed))
        .hasSize(threads - 1)
        .allSatisfy(r -> assertThat(r).isEqualTo(new Replayed(code.grantId())));
  }
}
