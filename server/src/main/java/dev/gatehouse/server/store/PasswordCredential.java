package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's password as a PHC string (for example {@code $argon2id$v=19$...}). */
public record PasswordCredential(UUID userId, String passwordHash, Instant updatedAt) {
  public PasswordCredential {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
