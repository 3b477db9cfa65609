package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An end user. {@code username} and {@code email} are unique ignoring case; {@code email} and
 * {@code displayName} may be {@code null}.
 */
public record User(
    UUID id,
    String username,
    String email,
    boolean emailVerified,
    String displayName,
    UserStatus status,
    Instant createdAt) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username is empty");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
