package dev.gatehouse.server.identity;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * H' of RFC 9106 §3.3: BLAKE2b stretched to any output length. Argon2 uses it to expand H_0 into
 * the first two 1024-byte blocks of each lane and to turn the final block into the tag. Outputs
 * longer than one BLAKE2b digest chain 64-byte digests and keep the first 32 bytes of each, so
 * every output byte depends on a full-width hash state.
 */
final class VariableLengthHash {
  /** The longest BLAKE2b digest, in bytes. */
  private static final int MAX_DIGEST = 64;
  /** What each chained digest contributes before the last one. */
  private static final int HALF_DIGEST = MAX_DIGEST / 2;

  private VariableLengthHash() {}

  /**
   * Writes {@code H'^length(parts[0] || parts[1] || ...)} to {@code out[offset..offset+length)}.
   *
   * @param length output length in bytes, at least 1
   */
  static void hash(int length, byte[] out, int offset, byte[]... parts) {
    byte[] lengthPrefix = LittleEndian.int32(length);
    if (length <= MAX_DIGEST) {
      Blake2bDigest digest = blake2b(length);
      digest.update(lengthPrefix, 0, lengthPrefix.length);
      for (byte[] part : parts) {
        digest.update(part, 0, part.length);
      }
      digest.doFinal(out, offset);
      return;
    }
    Blake2bDigest full = blake2b(MAX_DIGEST);
    full.update(lengthPrefix, 0, lengthPrefix.length);
    for (byte[] part : parts) {
      full.update(part, 0, part.length);
    }
    byte[] v = new byte[MAX_DIGEST];
    full.doFinal(v, 0);
    System.arraycopy(v, 0, out, offset, HALF_DIGEST);
    int written = HALF_DIGEST;
    // Chain V_2..V_r while more than one digest is still missing (doFinal resets the digest);
    // V_r+1 then supplies the last 33..64 bytes whole.
    while (length - written > MAX_DIGEST) {
      full.update(v, 0, MAX_DIGEST);
      full.doFinal(v, 0);
      System.arraycopy(v, 0, out, offset + written, HALF_DIGEST);
      written += HALF_DIGEST;
    }
    Blake2bDigest last = blake2b(length - written);
    last.update(v, 0, MAX_DIGEST);
    last.doFinal(out, offset + written);
  }

  /** {@code H'^length} of the parts as a new array. */
  static byte[] hash(int length, byte[]... parts) {
    byte[] out = new byte[length];
    hash(length, out, 0, parts);
    return out;
  }

  /** H^x of §3.2: unkeyed BLAKE2b with an x-byte digest. */
  static Blake2bDigest blake2b(int digestBytes) {
    return new Blake2bDigest(null, digestBytes, null, null);
  }
}
