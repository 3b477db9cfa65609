package dev.gatehouse.server.store;

/** The database could not be reached (pool exhausted, connection refused, timed out). */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
