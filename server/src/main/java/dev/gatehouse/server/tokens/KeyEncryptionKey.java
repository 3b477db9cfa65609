package dev.gatehouse.server.tokens;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys' private material at rest with AES-256-GCM.
 *
 * <p>Sealed format: {@code version(1) || kekId(4) || nonce(12) || ciphertext+tag(16)}. The
 * key id is derived from the key (a truncated SHA-256, which reveals nothing useful about it),
 * so a future version can hold several KEKs and pick the one a row was sealed with. The
 * associated data is the header plus the signing key's kid, so a ciphertext copied to another
 * row does not decrypt.
 */
public final class KeyEncryptionKey {
  private static final byte VERSION = 1;
  private static final int KEY_BYTES = 32;
  private static final int ID_BYTES = 4;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = 1 + ID_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final byte[] id;

  /** @param key exactly 32 random bytes; copied, the caller may wipe its array afterwards */
  public KeyEncryptionKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the key-encryption key must be 32 bytes (256 bits), got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.id = deriveId(key);
  }

  /** From configuration: 32 bytes, base64url (padding optional). */
  public static KeyEncryptionKey fromBase64Url(String encoded) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key-encryption key is not valid base64url", e);
    }
    try {
      return new KeyEncryptionKey(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A new random key, base64url-encoded, for first-time setup (for example a CLI command). */
  public static String generateBase64Url() {
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The public identifier of this key (hex), for logs and operator messages. */
  public String id() {
    return HexFormat.of().formatHex(id);
  }

  /** Encrypts {@code plaintext} for the signing key {@code kid}. */
  public byte[] seal(String kid, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] header = header(id);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(header, kid));
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + ciphertext.length)
          .put(header).put(nonce).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** Decrypts what {@link #seal} produced for the same {@code kid}. */
  public byte[] open(String kid, byte[] sealed) {
    if (sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8) {
      throw new KeyDecryptionException("signing key " + kid + ": sealed private key is truncated");
    }
    if (sealed[0] != VERSION) {
      throw new KeyDecryptionException(
          "signing key " + kid + ": unknown sealed-key format version " + sealed[0]);
    }
    byte[] sealedId = Arrays.copyOfRange(sealed, 1, HEADER_BYTES);
    if (!MessageDigest.isEqual(sealedId, id)) {
      throw new KeyDecryptionException("the key-encryption key does not match: signing key " + kid
          + " was encrypted with key-encryption key " + HexFormat.of().formatHex(sealedId)
          + " but the configured one is " + id() + " (was the key-encryption key changed?)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, sealed, HEADER_BYTES, NONCE_BYTES));
      cipher.updateAAD(associatedData(header(sealedId), kid));
      int offset = HEADER_BYTES + NONCE_BYTES;
      return cipher.doFinal(sealed, offset, sealed.length - offset);
    } catch (AEADBadTagException e) {
      throw new KeyDecryptionException("signing key " + kid + ": the sealed private key failed"
          + " authentication (altered, or stored under another kid)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[id=" + id() + "]";
  }

  private static byte[] header(byte[] id) {
    return ByteBuffer.allocate(HEADER_BYTES).put(VERSION).put(id).array();
  }

  private static byte[] associatedData(byte[] header, String kid) {
    byte[] label = ("gatehouse signing key " + kid).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(header.length + label.length).put(header).put(label).array();
  }

  private static byte[] deriveId(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("gatehouse key-encryption key id".getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(sha256.digest(key), ID_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
