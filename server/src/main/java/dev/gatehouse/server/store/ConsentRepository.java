package dev.gatehouse.server.store;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Remembered consent per (user, client). */
public interface ConsentRepository {
  Optional<Consent> find(UUID userId, String clientId);

  /**
   * Adds {@code scopes} to what the user already granted the client (union) and returns the
   * result; times come from the store's clock.
   */
  Consent grant(UUID userId, String clientId, Set<String> scopes);

  /** Forgets the consent; false if there was none. */
  boolean revoke(UUID userId, String clientId);
}
