package dev.gatehouse.server.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Credentials of users, one per (user, type). Only passwords so far; MFA secrets and passkeys
 * will be added here as further types.
 */
public interface UserCredentialRepository {
  /**
   * Sets (or replaces, for hash upgrades on login) the password of an existing user, stamping
   * {@code updatedAt} with the store's clock; false if the user is unknown.
   */
  boolean setPasswordHash(UUID userId, String passwordHash);

  Optional<PasswordCredential> findPasswordHash(UUID userId);
}
