package dev.gatehouse.server.identity;

/**
 * The compression function G of RFC 9106 §3.5 with its permutation P (§3.6), working on 1024-byte
 * blocks held as 128 little-endian 64-bit words at an offset in a {@code long[]}, so a whole
 * Argon2 memory can be one flat array instead of one object per block.
 *
 * <p>One instance per hash computation: it owns two 128-word scratch blocks (R and the matrix P
 * works on), so it is not thread-safe, and a hash allocates only those 2 KiB besides its memory.
 */
final class CompressionFunction {
  /** 64-bit words in one 1024-byte block. */
  static final int BLOCK_WORDS = 128;

  private static final long LOW_32 = 0xFFFFFFFFL;
  private static final int ROWS = 8;

  private final long[] r = new long[BLOCK_WORDS];
  private final long[] z = new long[BLOCK_WORDS];

  /**
   * G(X, Y) into {@code out}, or XORed into its current contents when {@code xorIntoOut}: RFC
   * 9106 §3.2 step 6 (version 0x13) combines a block's new value with its value from the previous
   * pass. {@code out} may be the same block as {@code x} or {@code y}: both are read first.
   */
  void compress(long[] x, int xOffset, long[] y, int yOffset, long[] out, int outOffset,
      boolean xorIntoOut) {
    long[] r = this.r;
    long[] z = this.z;
    for (int k = 0; k < BLOCK_WORDS; k++) {
      long v = x[xOffset + k] ^ y[yOffset + k];
      r[k] = v;
      z[k] = v;
    }
    // P (§3.6) on each row, then on each column, of the 8x8 matrix of 16-byte registers. Each P
    // runs GB on the columns, then on the diagonals, of its 4x4 word matrix v_0..v_15, where
    // register S_m is the word pair (v_2m, v_2m+1). A row is 16 consecutive words, so v_k is
    // word b+k; column i takes the word pairs 2i, 2i+1 every 16 words, so v_2m is word b+16m.
    // Spelled out with constant offsets: measured faster than offsets computed from a stride.
    for (int row = 0; row < ROWS; row++) {
      int b = 16 * row;
      gb(z, b, b + 4, b + 8, b + 12);
      gb(z, b + 1, b + 5, b + 9, b + 13);
      gb(z, b + 2, b + 6, b + 10, b + 14);
      gb(z, b + 3, b + 7, b + 11, b + 15);
      gb(z, b, b + 5, b + 10, b + 15);
      gb(z, b + 1, b + 6, b + 11, b + 12);
      gb(z, b + 2, b + 7, b + 8, b + 13);
      gb(z, b + 3, b + 4, b + 9, b + 14);
    }
    for (int column = 0; column < ROWS; column++) {
      int b = 2 * column;
      gb(z, b, b + 32, b + 64, b + 96);
      gb(z, b + 1, b + 33, b + 65, b + 97);
      gb(z, b + 16, b + 48, b + 80, b + 112);
      gb(z, b + 17, b + 49, b + 81, b + 113);
      gb(z, b, b + 33, b + 80, b + 113);
      gb(z, b + 1, b + 48, b + 81, b + 96);
      gb(z, b + 16, b + 49, b + 64, b + 97);
      gb(z, b + 17, b + 32, b + 65, b + 112);
    }
    if (xorIntoOut) {
      for (int k = 0; k < BLOCK_WORDS; k++) {
        out[outOffset + k] ^= z[k] ^ r[k];
      }
    } else {
      for (int k = 0; k < BLOCK_WORDS; k++) {
        out[outOffset + k] = z[k] ^ r[k];
      }
    }
  }

  /**
   * GB(a, b, c, d) of §3.6 on the words at those indices, read and written back through the
   * array: keeping all 16 words of a P in locals was slower, as they do not fit in registers.
   */
  private static void gb(long[] v, int ia, int ib, int ic, int id) {
    long a = v[ia];
    long b = v[ib];
    long c = v[ic];
    long d = v[id];
    a = blaMka(a, b);
    d = Long.rotateRight(d ^ a, 32);
    c = blaMka(c, d);
    b = Long.rotateRight(b ^ c, 24);
    a = blaMka(a, b);
    d = Long.rotateRight(d ^ a, 16);
    c = blaMka(c, d);
    b = Long.rotateRight(b ^ c, 63);
    v[ia] = a;
    v[ib] = b;
    v[ic] = c;
    v[id] = d;
  }

  /**
   * GB's {@code a + b + 2 * trunc(a) * trunc(b) mod 2^64}: the multiplication Argon2 adds to
   * BLAKE2b's addition to deepen the circuit an ASIC must build. Java's long arithmetic already
   * wraps modulo 2^64.
   */
  private static long blaMka(long a, long b) {
    return a + b + 2 * (a & LOW_32) * (b & LOW_32);
  }
}
