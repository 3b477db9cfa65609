package dev.gatehouse.server.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** End users. */
public interface UserRepository {
  /**
   * Inserts a new user.
   *
   * @throws DuplicateKeyException with key {@code "username"}, {@code "email"} (both compared
   *     ignoring case) or {@code "id"}
   */
  void create(User user);

  Optional<User> findById(UUID id);

  /** Looks the user up ignoring case. */
  Optional<User> findByUsername(String username);

  /** One page of users ordered by username (ignoring case). */
  List<User> list(int offset, int limit);

  /** False if the user is unknown. */
  boolean setStatus(UUID id, UserStatus status);
}
