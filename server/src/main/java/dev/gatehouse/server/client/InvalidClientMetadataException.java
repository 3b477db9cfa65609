package dev.gatehouse.server.client;

/** A registration request breaks a rule; the message says which (RFC 7591 §3.2.2 {@code invalid_client_metadata}). */
public final class InvalidClientMetadataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidClientMetadataException(String message) {
    super(message);
  }
}
