package dev.gatehouse.server.store;

/** The database cannot be reached; callers answer 503 and retry later, no write was half-done. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
