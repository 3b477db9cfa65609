package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiExpiredRows;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expired short-lived rows are deleted in batches, live ones never; grants, users and clients
 * stay; only one caller at a time does the work.
 */
class ExpiredRowsContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final ExpiredRows expired = new JdbiExpiredRows(db.jdbi());
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final List<String> TABLES = List.of("authorization_codes", "refresh_tokens",
      "browser_sessions", "pending_authorizations", "client_assertion_jtis", "revoked_access_tokens");

  private String clientId;
  private UUID userId;

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void parents() {
    db.jdbi().useHandle(h -> {
      for (String table : TABLES) {
        h.execute("DELETE FROM " + table);
      }
    });
    clientId = unique("c");
    new JdbiRegisteredClientRepository(db.jdbi(), MutableClock.at("2026-01-01T00:00:00Z")).save(Fixtures.client(clientId));
    User user = Fixtures.user(unique("u"));
    new JdbiUserRepository(db.jdbi()).create(user);
    userId = user.id();
  }

  /** One row of every kind expiring at {@code expiresAt}. */
  private void rowsExpiringAt(Instant expiresAt) {
    Timestamp exp = Timestamp.from(expiresAt);
    Timestamp t0 = Timestamp.from(Fixtures.T0);
    db.jdbi().useHandle(h -> {
      UUID grant = UUID.randomUUID();
      h.execute("INSERT INTO authorization_grants (grant_id, client_id, user_id, created_at) VALUES (?, ?, ?, ?)",
          grant, clientId, userId, t0);
      h.execute("INSERT INTO authorization_codes (code_hash, grant_id, redirect_uri, expires_at) VALUES (?, ?, ?, ?)",
          unique("code"), grant, "https://app.example/cb", exp);
      h.execute("INSERT INTO refresh_tokens (token_hash, grant_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
          unique("rt"), grant, t0, exp);
      h.execute("INSERT INTO browser_sessions (id_hash, user_id, created_at, authenticated_at, expires_at, last_seen_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", unique("s"), userId, t0, t0, exp, t0);
      h.execute("INSERT INTO pending_authorizations (id_hash, client_id, request, csrf_hash, browser_hash, created_at,"
          + " expires_at) VALUES (?, ?, '{}'::jsonb, 'c', 'b', ?, ?)", unique("p"), clientId, t0, exp);
      h.execute("INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES (?, ?, ?)", clientId, unique("j"), exp);
      h.execute("INSERT INTO revoked_access_tokens (jti, client_id, expires_at) VALUES (?, ?, ?)", unique("j"), clientId, exp);
    });
  }

  private static int count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one();
  }

  private static Map<String, Integer> counts() {
    return db.jdbi().withHandle(h -> {
      Map<String, Integer> counts = new java.util.LinkedHashMap<>();
      for (String table : TABLES) {
        counts.put(table, count(h, table));
      }
      counts.put("authorization_grants", count(h, "authorization_grants"));
      return counts;
    });
  }

  @Test
  void rowsExpiredBeforeTheCutoffAreDeletedAndLiveOnesKept() {
    rowsExpiringAt(NOW.minusSeconds(60));
    rowsExpiringAt(NOW.plusSeconds(60));
    Map<String, Integer> before = counts();
    Map<String, Integer> deleted = expired.deleteBatch(NOW, 100);
    assertThat(deleted).containsOnlyKeys(TABLES).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(1));
    Map<String, Integer> after = counts();
    for (String table : TABLES) {
      assertThat(after.get(table)).as(table).isEqualTo(before.get(table) - 1);
    }
    assertThat(after.get("authorization_grants")).as("grants are not touched").isEqualTo(before.get("authorization_grants"));
  }

  @Test
  void aBatchDeletesAtMostItsSizeAndTheNextOneTheRest() {
    for (int i = 0; i < 5; i++) {
      rowsExpiringAt(NOW.minusSeconds(60 + i));
    }
    assertThat(expired.deleteBatch(NOW, 2)).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(2));
    assertThat(expired.deleteBatch(NOW, 2)).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(2));
    assertThat(expired.deleteBatch(NOW, 2)).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(1));
    assertThat(counts()).allSatisfy((table, n) -> {
      if (!table.equals("authorization_grants")) {
        assertThat(n).as(table).isZero();
      }
    });
  }

  @Test
  void whileAnotherNodeHoldsTheLockNothingIsDeleted() throws java.sql.SQLException {
    rowsExpiringAt(NOW.minusSeconds(60));
    // another node's cleanup, mid-batch: its own connection holding the lock in a transaction
    try (java.sql.Connection other = db.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (java.sql.Statement st = other.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(" + JdbiExpiredRows.LOCK_KEY + ")");
      }
      assertThat(expired.deleteBatch(NOW, 100)).isEmpty();
      other.rollback();
    }
    assertThat(expired.deleteBatch(NOW, 100)).containsEntry("refresh_tokens", 1);
  }
}
