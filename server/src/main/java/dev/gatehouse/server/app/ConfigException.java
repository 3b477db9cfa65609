package dev.gatehouse.server.app;

/** A setting that is missing or malformed; the message names the variable and what it must be. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String variable;

  public ConfigException(String variable, String message) {
    super(variable + ": " + message);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
