package dev.gatehouse.server.app;

/** A CLI command could not do what was asked; the message is the one line the operator sees. */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
