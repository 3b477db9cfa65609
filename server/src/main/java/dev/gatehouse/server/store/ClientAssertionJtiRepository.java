package dev.gatehouse.server.store;

import java.time.Instant;

/** Single-use {@code jti}s of client assertions (RFC 7523 §3 item 7), kept until they expire. */
public interface ClientAssertionJtiRepository {
  /**
   * Records {@code jti} for {@code clientId} until {@code expiresAt}. True if this is its first
   * use; false if the same client presented it before and it has not expired. Of concurrent calls
   * with the same pair exactly one gets true. Also forgets expired entries.
   */
  boolean markUsed(String clientId, String jti, Instant expiresAt, Instant now);
}
