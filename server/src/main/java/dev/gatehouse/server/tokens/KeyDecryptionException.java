package dev.gatehouse.server.tokens;

/**
 * A stored signing key could not be decrypted. The message is meant for the operator and never
 * contains key material; there is deliberately no cause, as it would only say "tag mismatch".
 */
public final class KeyDecryptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyDecryptionException(String message) {
    super(message);
  }
}
