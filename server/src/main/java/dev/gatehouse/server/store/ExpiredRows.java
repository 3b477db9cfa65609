package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Map;

/**
 * Short-lived rows that outlive their use: authorization codes, refresh tokens, SSO sessions,
 * pending authorizations, client-assertion jtis and revoked-access-token jtis, once expired.
 * Grants, users, clients, keys and the outbox are not touched.
 */
public interface ExpiredRows {
  /**
   * Deletes up to {@code batchSize} rows of each kind that expired before {@code cutoff}, in a
   * short transaction per kind. Only one caller at a time does the work (others get an empty
   * map at once), so every node may call it on a schedule.
   *
   * @return rows deleted by kind (e.g. {@code refresh_tokens}); empty if another node was at it
   */
  Map<String, Integer> deleteBatch(Instant cutoff, int batchSize);
}
