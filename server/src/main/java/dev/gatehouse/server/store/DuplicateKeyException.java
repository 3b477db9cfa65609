package dev.gatehouse.server.store;

/**
 * An insert collided with a row that must be unique. {@link #key()} names what collided, in the
 * vocabulary of the port that threw it (for {@link UserRepository}: {@code "username"},
 * {@code "email"} or {@code "id"}).
 */
public final class DuplicateKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public DuplicateKeyException(String key, Throwable cause) {
    super("duplicate " + key, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
