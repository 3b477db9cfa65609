package dev.gatehouse.server.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes human passwords with Argon2id into PHC strings ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}) and tells callers when a stored hash was made
 * with other parameters, so it can be re-hashed at the next successful login. Thread-safe.
 *
 * <p>Argon2id v=19 runs on {@link Argon2id}, whose work memories come from a bounded
 * {@link WorkMemoryPool}: a login then allocates nothing of the memory's size, which spared the
 * garbage collector most of what a login used to cost, and at most {@code poolSize} hashes of the
 * configured size run at once (others wait). The strings are those Spring's
 * {@link Argon2PasswordEncoder} writes and reads (the password as UTF-8, salt and hash in standard
 * Base64 without padding), so hashes stored before still verify and either side verifies the
 * other's. Other variants and versions ({@code argon2i}, {@code argon2d}, {@code v=16}) are still
 * checked by that encoder; it turns the password into a {@code String}, which the own path avoids.
 */
public final class PasswordHasher {
  /** {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, salt and hash unpadded base64. */
  private static final Pattern PHC = Pattern.compile(
      "\\$(argon2(?:id|i|d))\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final String ARGON2ID = "argon2id";
  private static final int ARGON2_VERSION = 19;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  private final PasswordHashParameters parameters;
  private final Argon2Cost cost;
  private final WorkMemoryPool pool;
  private final Argon2id argon2id;
  private final Argon2PasswordEncoder fallback;

  /**
   * With {@code poolSize} work memories for hashes at {@code parameters}.
   *
   * @param poolSize how many work memories of {@code parameters.memoryKib()} may exist, which is
   *     also how many such hashes may run at once; more than the CPUs gains nothing
   */
  public PasswordHasher(PasswordHashParameters parameters, int poolSize) {
    this.parameters = parameters;
    this.cost = new Argon2Cost(parameters.memoryKib(), parameters.iterations(), parameters.parallelism());
    this.pool = new WorkMemoryPool(cost.blockCount(), poolSize);
    this.argon2id = new Argon2id(pool);
    this.fallback = new Argon2PasswordEncoder(parameters.saltBytes(), parameters.hashBytes(),
        parameters.parallelism(), parameters.memoryKib(), parameters.iterations());
  }

  /** With a work memory per available processor. */
  public PasswordHasher(PasswordHashParameters parameters) {
    this(parameters, Runtime.getRuntime().availableProcessors());
  }

  /** With the OWASP parameters. */
  public PasswordHasher() {
    this(PasswordHashParameters.OWASP);
  }

  public PasswordHashParameters parameters() {
    return parameters;
  }

  /**
   * A PHC string of the password with a fresh salt and the configured parameters.
   *
   * @throws IllegalArgumentException if the password has unpaired UTF-16 surrogates
   */
  public String hash(char[] password) {
    return hash(CharBuffer.wrap(password));
  }

  /**
   * A PHC string of the password with a fresh salt and the configured parameters.
   *
   * @throws IllegalArgumentException if the password has unpaired UTF-16 surrogates
   */
  public String hash(String password) {
    return hash((CharSequence) password);
  }

  private String hash(CharSequence password) {
    byte[] bytes = utf8(password).orElseThrow(
        () -> new IllegalArgumentException("the password is not well-formed UTF-16"));
    byte[] salt = new byte[parameters.saltBytes()];
    RANDOM.nextBytes(salt);
    try {
      byte[] tag = argon2id.hash(cost, parameters.hashBytes(), bytes, salt);
      return "$" + ARGON2ID + "$v=" + ARGON2_VERSION + "$m=" + cost.memoryKib() + ",t=" + cost.passes()
          + ",p=" + cost.lanes() + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(tag);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public PasswordVerification verify(char[] password, String stored) {
    return verify(CharBuffer.wrap(password), stored);
  }

  public PasswordVerification verify(String password, String stored) {
    return verify((CharSequence) password, stored);
  }

  private PasswordVerification verify(CharSequence password, String stored) {
    Matcher phc = PHC.matcher(stored);
    // Unparseable values are a mismatch, not an error. Empty passwords never match, as with
    // Argon2PasswordEncoder before.
    if (password.length() == 0 || !phc.matches()) {
      return PasswordVerification.MISMATCH;
    }
    boolean matches = isArgon2idV19(phc) ? matchesArgon2id(password, phc) : matchesFallback(password, stored);
    if (!matches) {
      return PasswordVerification.MISMATCH;
    }
    return sameParameters(phc) ? PasswordVerification.MATCH : PasswordVerification.MATCH_NEEDS_UPGRADE;
  }

  private static boolean isArgon2idV19(Matcher phc) {
    return phc.group(1).equals(ARGON2ID) && phc.group(2).equals(Integer.toString(ARGON2_VERSION));
  }

  private boolean matchesArgon2id(CharSequence password, Matcher phc) {
    Argon2Cost storedCost;
    byte[] salt;
    byte[] expected;
    try {
      storedCost = new Argon2Cost(
          Integer.parseInt(phc.group(3)), Integer.parseInt(phc.group(4)), Integer.parseInt(phc.group(5)));
      salt = Base64.getDecoder().decode(phc.group(6));
      expected = Base64.getDecoder().decode(phc.group(7));
    } catch (IllegalArgumentException e) { // also NumberFormatException: out of int range
      return false;
    }
    if (expected.length < Argon2id.MIN_TAG_LENGTH) {
      return false;
    }
    Optional<byte[]> bytes = utf8(password);
    if (bytes.isEmpty()) {
      return false;
    }
    try {
      byte[] actual = argon2id.hash(storedCost, expected.length, bytes.get(), salt);
      return MessageDigest.isEqual(actual, expected);
    } finally {
      Arrays.fill(bytes.get(), (byte) 0);
    }
  }

  /** Argon2i, Argon2d and version 16; the encoder reads the parameters from the string. */
  private boolean matchesFallback(CharSequence password, String stored) {
    try {
      return fallback.matches(password, stored);
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      // Bouncy Castle rejects impossible parameters (p=0, t=0, ...) by throwing.
      return false;
    }
  }

  private boolean sameParameters(Matcher phc) {
    return isArgon2idV19(phc)
        && Integer.parseInt(phc.group(3)) == parameters.memoryKib()
        && Integer.parseInt(phc.group(4)) == parameters.iterations()
        && Integer.parseInt(phc.group(5)) == parameters.parallelism()
        && decodedLength(phc.group(6)) == parameters.saltBytes()
        && decodedLength(phc.group(7)) == parameters.hashBytes();
  }

  private static int decodedLength(String unpaddedBase64) {
    return Base64.getDecoder().decode(unpaddedBase64).length;
  }

  /**
   * The password as UTF-8, as Bouncy Castle's Argon2 encodes it (which throws on unpaired
   * surrogates), or empty when it has unpaired surrogates: replacing them, as
   * {@code String.getBytes} would, makes different passwords hash alike.
   */
  private static Optional<byte[]> utf8(CharSequence password) {
    ByteBuffer encoded;
    try {
      encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), encoded.arrayOffset(), encoded.arrayOffset() + encoded.capacity(), (byte) 0);
    }
    return Optional.of(bytes);
  }

  /** The work-memory pool, for tests. */
  WorkMemoryPool pool() {
    return pool;
  }

  @Override
  public String toString() {
    return "PasswordHasher" + parameters;
  }
}
