package dev.gatehouse.server.identity;

import java.nio.CharBuffer;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes human passwords with Argon2id into PHC strings ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}) and tells callers when a stored hash was made
 * with other parameters, so it can be re-hashed at the next successful login. Thread-safe.
 *
 * <p>Note: {@link Argon2PasswordEncoder} turns the password into a {@code String} internally,
 * so taking a {@code char[]} limits copies in our code but cannot wipe every copy.
 */
public final class PasswordHasher {
  /** {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, salt and hash unpadded base64. */
  private static final Pattern PHC = Pattern.compile(
      "\\$(argon2(?:id|i|d))\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final int ARGON2_VERSION = 19;

  private final PasswordHashParameters parameters;
  private final Argon2PasswordEncoder encoder;

  public PasswordHasher(PasswordHashParameters parameters) {
    this.parameters = parameters;
    this.encoder = new Argon2PasswordEncoder(parameters.saltBytes(), parameters.hashBytes(),
        parameters.parallelism(), parameters.memoryKib(), parameters.iterations());
  }

  /** With the OWASP parameters. */
  public PasswordHasher() {
    this(PasswordHashParameters.OWASP);
  }

  public PasswordHashParameters parameters() {
    return parameters;
  }

  public String hash(char[] password) {
    return encoder.encode(CharBuffer.wrap(password));
  }

  public String hash(String password) {
    return encoder.encode(password);
  }

  public PasswordVerification verify(char[] password, String stored) {
    return verify(CharBuffer.wrap(password), stored);
  }

  public PasswordVerification verify(String password, String stored) {
    return verify((CharSequence) password, stored);
  }

  private PasswordVerification verify(CharSequence password, String stored) {
    Matcher phc = PHC.matcher(stored);
    // Unparseable values are a mismatch, not an error: the encoder would only log and say false.
    if (!phc.matches() || !encoder.matches(password, stored)) {
      return PasswordVerification.MISMATCH;
    }
    return sameParameters(phc) ? PasswordVerification.MATCH : PasswordVerification.MATCH_NEEDS_UPGRADE;
  }

  private boolean sameParameters(Matcher phc) {
    return phc.group(1).equals("argon2id")
        && Integer.parseInt(phc.group(2)) == ARGON2_VERSION
        && Integer.parseInt(phc.group(3)) == parameters.memoryKib()
        && Integer.parseInt(phc.group(4)) == parameters.iterations()
        && Integer.parseInt(phc.group(5)) == parameters.parallelism()
        && decodedLength(phc.group(6)) == parameters.saltBytes()
        && decodedLength(phc.group(7)) == parameters.hashBytes();
  }

  private static int decodedLength(String unpaddedBase64) {
    return Base64.getDecoder().decode(unpaddedBase64).length;
  }

  @Override
  public String toString() {
    return "PasswordHasher" + parameters;
  }
}
