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
    // Rows are the 8 runs of registers R_8i..R_8i+7 (16 consecutive words); columns are the
    // registers R_i, R_i+8, ..., R_i+56, i.e. word pairs 2i, 2i+1 every 16 words.
    for (int row = 0; row < ROWS; row++) {
      permute(z, 16 * row, 2);
    }
    for (int column = 0; column < ROWS; column++) {
      permute(z, 2 * column, 16);
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
   * P on the eight 16-byte registers S_0..S_7 whose words are {@code v[base + m*stride]} (v_2m)
   * and {@code v[base + m*stride + 1]} (v_2m+1): the BLAKE2b round of §3.6 with GB's additions
   * replaced by {@link #blaMka}. Written out on locals because this is where all the time goes.
   */
  private static void permute(long[] v, int base, int stride) {
    int i0 = base;
    int i2 = base + stride;
    int i4 = i2 + stride;
    int i6 = i4 + stride;
    int i8 = i6 + stride;
    int i10 = i8 + stride;
    int i12 = i10 + stride;
    int i14 = i12 + stride;
    long v0 = v[i0];
    long v1 = v[i0 + 1];
    long v2 = v[i2];
    long v3 = v[i2 + 1];
    long v4 = v[i4];
    long v5 = v[i4 + 1];
    long v6 = v[i6];
    long v7 = v[i6 + 1];
    long v8 = v[i8];
    long v9 = v[i8 + 1];
    long v10 = v[i10];
    long v11 = v[i10 + 1];
    long v12 = v[i12];
    long v13 = v[i12 + 1];
    long v14 = v[i14];
    long v15 = v[i14 + 1];

    // GB(v0, v4, v8, v12)
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 63);
    // GB(v1, v5, v9, v13)
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 63);
    // GB(v2, v6, v10, v14)
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 63);
    // GB(v3, v7, v11, v15)
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 63);

    // GB(v0, v5, v10, v15)
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 63);
    // GB(v1, v6, v11, v12)
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 63);
    // GB(v2, v7, v8, v13)
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 63);
    // GB(v3, v4, v9, v14)
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 63);

    v[i0] = v0;
    v[i0 + 1] = v1;
    v[i2] = v2;
    v[i2 + 1] = v3;
    v[i4] = v4;
    v[i4 + 1] = v5;
    v[i6] = v6;
    v[i6 + 1] = v7;
    v[i8] = v8;
    v[i8 + 1] = v9;
    v[i10] = v10;
    v[i10 + 1] = v11;
    v[i12] = v12;
    v[i12 + 1] = v13;
    v[i14] = v14;
    v[i14 + 1] = v15;
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
