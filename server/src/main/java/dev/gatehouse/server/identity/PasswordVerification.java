package dev.gatehouse.server.identity;

/** Outcome of checking a password against a stored hash. */
public enum PasswordVerification {
  /** Wrong password, or the stored value is not an Argon2 hash we can read. */
  MISMATCH,
  /** Correct, and the stored hash uses the current parameters. */
  MATCH,
  /** Correct, but the stored hash was made with other parameters: store {@code hash(raw)} now. */
  MATCH_NEEDS_UPGRADE;

  public boolean matches() {
    return this != MISMATCH;
  }

  public boolean needsUpgrade() {
    return this == MATCH_NEEDS_UPGRADE;
  }
}
