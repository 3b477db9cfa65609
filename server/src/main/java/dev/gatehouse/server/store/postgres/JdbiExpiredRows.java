package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.ExpiredRows;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ExpiredRows} on PostgreSQL: one {@code DELETE … WHERE ctid IN (SELECT … LIMIT n)} per
 * table on its {@code expires_at} index, each in its own short transaction holding a
 * transaction-scoped advisory lock, so two nodes never delete the same rows at once and no
 * lock is held between batches.
 */
public final class JdbiExpiredRows implements ExpiredRows {
  /** The advisory lock that keeps two nodes' cleanups apart ("gateh" + 2; key rotation has its own). */
  public static final long LOCK_KEY = 0x67_6174_6568_0002L;
  private static final List<String> TABLES = List.of("authorization_codes", "refresh_tokens",
      "browser_sessions", "pending_authorizations", "client_assertion_jtis", "revoked_access_tokens");

  private final GuardedJdbi db;

  public JdbiExpiredRows(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public Map<String, Integer> deleteBatch(Instant cutoff, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (String table : TABLES) {
      Integer n = db.inTransaction(h -> {
        boolean mine = h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
            .bind("key", LOCK_KEY).mapTo(Boolean.class).one();
        if (!mine) {
          return null;
        }
        // The table name comes from the constant list above, never from input.
        return h.createUpdate("DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                + " WHERE expires_at < :cutoff LIMIT :limit)")
            .bind("cutoff", Rows.timestamp(cutoff))
            .bind("limit", batchSize)
            .execute();
      });
      if (n == null) {
        return Map.of();
      }
      deleted.put(table, n);
    }
    return deleted;
  }
}
