package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Authorization requests between the login and consent pages: short-lived and single-use. */
public interface PendingAuthorizationRepository {
  void create(PendingAuthorization pending);

  /** The pending request if {@code now < expiresAt}. */
  Optional<PendingAuthorization> findActive(String idHash, Instant now);

  /** Records who signed in for it; false if unknown or expired. */
  boolean setUser(String idHash, UUID userId, Instant now);

  /**
   * Deletes and returns it if still active: of concurrent calls exactly one gets it, so a pending
   * request yields at most one code or one denial.
   */
  Optional<PendingAuthorization> consume(String idHash, Instant now);

  /** Housekeeping: deletes expired rows, returns how many. */
  int deleteExpired(Instant now);
}
