package dev.gatehouse.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes high-entropy machine secrets (client secrets, authorization codes, refresh tokens,
 * opaque tokens, session ids) for storage: HMAC-SHA256 under a server key, stored as {@code
 * hs1$<base64url>}.
 *
 * <p>Why not Argon2 like passwords (DESIGN.md §6): these secrets carry 256 bits of entropy, so
 * there is nothing to brute-force and a slow KDF only caps throughput on the token endpoint.
 * The key means a leaked table alone cannot even confirm a guessed token. Thread-safe.
 */
public final class SecretHasher {
  private static final String PREFIX = "hs1$";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  /** Initialised once; each call works on a clone, which is far cheaper than a fresh init. */
  private final Mac prototype;

  /** @param key 32 random bytes; copied */
  public SecretHasher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret-hashing key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.prototype = newMac();
  }

  /** From configuration: 32 bytes, base64url (padding optional). */
  public static SecretHasher fromBase64Url(String encoded) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret-hashing key is not valid base64url", e);
    }
    try {
      return new SecretHasher(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A new secret: 256 random bits, base64url without padding (43 characters). */
  public static String generateSecret() {
    byte[] raw = new byte[SECRET_BYTES];
    RANDOM.nextBytes(raw);
    return BASE64URL.encodeToString(raw);
  }

  /** The storable hash of {@code raw}, e.g. {@code hs1$3q2-...}. */
  public String hash(String raw) {
    return PREFIX + BASE64URL.encodeToString(mac().doFinal(raw.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code raw} hashes to {@code stored}, compared in constant time. */
  public boolean matches(String raw, String stored) {
    byte[] expected = hash(raw).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = stored.getBytes(StandardCharsets.US_ASCII);
    // Only the length (public: fixed by the format) can leak through timing.
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public String toString() {
    return "SecretHasher[hs1]";
  }

  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac();
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
