package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Single sign-on sessions, looked up by the hash of their cookie. */
public interface BrowserSessionRepository {
  void create(BrowserSession session);

  /** The session if it has not ended and {@code now < expiresAt}. */
  Optional<BrowserSession> findActive(String idHash, Instant now);

  /**
   * Records activity on an active session: sets {@code lastSeenAt} to {@code now} and
   * {@code expiresAt} to {@code newExpiresAt} (the caller applies idle and absolute limits).
   * False if the session is unknown, ended or expired at {@code now}.
   */
  boolean touch(String idHash, Instant now, Instant newExpiresAt);

  /** Ends the session (logout), stamping the store's clock; false if unknown or already ended. */
  boolean end(String idHash);

  /** Ends every open session of the user (password change, disable); returns how many. */
  int endAllForUser(UUID userId);
}
