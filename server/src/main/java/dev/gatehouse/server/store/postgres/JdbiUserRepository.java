package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.DuplicateKeyException;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link UserRepository} on the {@code users} table. */
public final class JdbiUserRepository implements UserRepository {
  private static final String COLUMNS =
      "id, username, email, email_verified, display_name, status, created_at";
  /** Constraint names from V3__users.sql, in the port's vocabulary. */
  private static final Map<String, String> KEYS = Map.of(
      "users_username_key", "username",
      "users_email_key", "email",
      "users_pkey", "id");

  private final GuardedJdbi db;

  public JdbiUserRepository(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public void create(User u) {
    try {
      db.useHandle(h -> h.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES"
              + " (:id, :username, :email, :email_verified, :display_name, :status, :created_at)")
          .bind("id", u.id())
          .bind("username", u.username())
          .bind("email", u.email())
          .bind("email_verified", u.emailVerified())
          .bind("display_name", u.displayName())
          .bind("status", u.status().name())
          .bind("created_at", Rows.timestamp(u.createdAt()))
          .execute());
    } catch (DuplicateKeyException e) {
      throw new DuplicateKeyException(KEYS.getOrDefault(e.key(), e.key()), e);
    }
  }

  @Override
  public Optional<User> findById(UUID id) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
        .bind("id", id)
        .map(JdbiUserRepository::map)
        .findOne());
  }

  @Override
  public Optional<User> findByUsername(String username) {
    // Matches the users_username_key index on lower(username).
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(:username)")
        .bind("username", username)
        .map(JdbiUserRepository::map)
        .findOne());
  }

  @Override
  public List<User> list(int offset, int limit) {
    if (offset < 0 || limit <= 0) {
      throw new IllegalArgumentException("offset must be >= 0 and limit > 0");
    }
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users"
            + " ORDER BY lower(username), id OFFSET :offset LIMIT :limit")
        .bind("offset", offset)
        .bind("limit", limit)
        .map(JdbiUserRepository::map)
        .list());
  }

  @Override
  public boolean setStatus(UUID id, UserStatus status) {
    return db.withHandle(h -> h.createUpdate("UPDATE users SET status = :status WHERE id = :id")
        .bind("id", id)
        .bind("status", status.name())
        .execute()) > 0;
  }

  private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(
        Rows.uuid(rs, "id"),
        rs.getString("username"),
        rs.getString("email"),
        rs.getBoolean("email_verified"),
        rs.getString("display_name"),
        UserStatus.valueOf(rs.getString("status")),
        Rows.instant(rs, "created_at"));
  }
}
