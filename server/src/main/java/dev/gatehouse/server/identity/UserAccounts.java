package dev.gatehouse.server.identity;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.PasswordCredential;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserCredentialRepository;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * User accounts and their passwords: register, set a password, disable and enable, and check
 * a password at login (re-hashing it when the Argon2id parameters have changed since it was
 * stored). Every change writes its event in the same transaction.
 */
public final class UserAccounts {
  // NIST SP 800-63B §5.1.1.2: at least 8 characters; accept at least 64 (we take up to 1024).
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 1024;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

  private final UserRepository users;
  private final UserCredentialRepository credentials;
  private final PasswordHasher hasher;
  private final Transactions transactions;
  private final EventLog events;
  private final Clock clock;
  private final String unknownUserHash;

  public UserAccounts(UserRepository users, UserCredentialRepository credentials,
      PasswordHasher hasher, Transactions transactions, EventLog events, Clock clock) {
    this.users = users;
    this.credentials = credentials;
    this.hasher = hasher;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
    // Verified against when the username is unknown, so both cases cost one Argon2id.
    this.unknownUserHash = hasher.hash(UUID.randomUUID().toString());
  }

  public User register(String username, String email, String displayName, char[] password) {
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username must be 1-64 characters of A-Z a-z 0-9 . _ @ + -");
    }
    if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("email '" + email + "' is not an email address");
    }
    checkPassword(password);
    String hash = hasher.hash(password);
    Instant now = now();
    User user = new User(UUID.randomUUID(), username, blankToNull(email), false,
        blankToNull(displayName), UserStatus.ACTIVE, now);
    transactions.run(() -> {
      users.create(user);
      credentials.setPasswordHash(user.id(), hash);
      events.record(new AuthEvent.UserCreated(user.id().toString(), username, user.email(), now));
    });
    return user;
  }

  public void setPassword(String username, char[] password) {
    checkPassword(password);
    User user = find(username);
    String hash = hasher.hash(password);
    transactions.run(() -> {
      credentials.setPasswordHash(user.id(), hash);
      events.record(new AuthEvent.PasswordChanged(user.id().toString(), "set", clock.instant()));
    });
  }

  public void disable(String username) {
    setStatus(username, UserStatus.DISABLED);
  }

  public void enable(String username) {
    setStatus(username, UserStatus.ACTIVE);
  }

  public List<User> list(int offset, int limit) {
    return users.list(offset, limit);
  }

  public User find(String username) {
    return users.findByUsername(username)
        .orElseThrow(() -> new NoSuchElementException("no user '" + username + "'"));
  }

  /**
   * The active user whose password this is, or empty (unknown user, wrong password or disabled
   * account look the same to the caller and cost the same time).
   */
  public Optional<User> authenticate(String username, char[] password) {
    Optional<User> user = users.findByUsername(username);
    Optional<PasswordCredential> stored = user.flatMap(u -> credentials.findPasswordHash(u.id()));
    PasswordVerification check = hasher.verify(password,
        stored.map(PasswordCredential::passwordHash).orElse(unknownUserHash));
    if (user.isEmpty() || stored.isEmpty() || !check.matches()
        || user.get().status() != UserStatus.ACTIVE) {
      return Optional.empty();
    }
    if (check.needsUpgrade()) {
      String upgraded = hasher.hash(password);
      transactions.run(() -> {
        credentials.setPasswordHash(user.get().id(), upgraded);
        events.record(new AuthEvent.PasswordChanged(user.get().id().toString(), "upgraded", clock.instant()));
      });
    }
    return user;
  }

  private void setStatus(String username, UserStatus status) {
    User user = find(username);
    Instant now = now();
    transactions.run(() -> {
      users.setStatus(user.id(), status);
      events.record(status == UserStatus.DISABLED
          ? new AuthEvent.UserDisabled(user.id().toString(), now)
          : new AuthEvent.UserEnabled(user.id().toString(), now));
    });
  }

  private static void checkPassword(char[] password) {
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new IllegalArgumentException("a password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** PostgreSQL keeps microseconds; truncating here makes what we return equal what is stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
