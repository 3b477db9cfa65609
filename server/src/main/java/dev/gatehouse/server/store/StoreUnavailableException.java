package dev.gatehouse.server.store;

/**
 * The database cannot be reached right now (pool timeout, refused or dropped connection, server
 * shutting down). Callers should not retry in a loop; the HTTP layer answers 503 with
 * {@code Retry-After}. Every repository throws this, and only this, for connection failures.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
