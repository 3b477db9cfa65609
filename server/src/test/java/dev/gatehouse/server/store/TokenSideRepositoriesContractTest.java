package dev.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiClientAssertionJtiRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiRevokedAccessTokenRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The V11 ports: client-assertion jti replay store and the revoked access token list. */
class TokenSideRepositoriesContractTest {
  static PostgresDatabase db;
  static ClientAssertionJtiRepository jtis;
  static RevokedAccessTokenRepository revoked;

  @BeforeAll
  static void setUp() {
    db = TestPostgres.freshDatabase();
    new JdbiRegisteredClientRepository(db.jdbi(), Clock.systemUTC()).save(Fixtures.client("c1"));
    jtis = new JdbiClientAssertionJtiRepository(db.jdbi());
    revoked = new JdbiRevokedAccessTokenRepository(db.jdbi());
  }

  @AfterAll
  static void tearDown() {
    db.close();
  }

  @Test
  void aJtiIsUsableOnceUntilItExpires() {
    String jti = Fixtures.unique("jti");
    assertThat(jtis.markUsed("c1", jti, Fixtures.T0.plusSeconds(60), Fixtures.T0)).isTrue();
    assertThat(jtis.markUsed("c1", jti, Fixtures.T0.plusSeconds(60), Fixtures.T0.plusSeconds(30))).isFalse();
    // Expired entries are forgotten: the assertion's own exp refuses it by then anyway.
    assertThat(jtis.markUsed("c1", jti, Fixtures.T0.plusSeconds(200), Fixtures.T0.plusSeconds(61))).isTrue();
  }

  @Test
  void ofConcurrentUsesOfOneJtiExactlyOneWins() {
    String jti = Fixtures.unique("race");
    List<CompletableFuture<Boolean>> calls = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
        () -> jtis.markUsed("c1", jti, Fixtures.T0.plus(Duration.ofMinutes(5)), Fixtures.T0))).toList();
    assertThat(calls.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count()).isEqualTo(1);
  }

  @Test
  void revokedAccessTokensAreRemembered() {
    String jti = Fixtures.unique("at");
    assertThat(revoked.isRevoked(jti)).isFalse();
    revoked.revoke(jti, "c1", Fixtures.T0.plusSeconds(600));
    revoked.revoke(jti, "c1", Fixtures.T0.plusSeconds(600));
    assertThat(revoked.isRevoked(jti)).isTrue();
  }
}
