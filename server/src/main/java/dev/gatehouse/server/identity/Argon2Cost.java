package dev.gatehouse.server.identity;

/**
 * The cost inputs of RFC 9106 §3.1 that shape the memory: m KiB of memory, t passes over it and
 * p lanes. The memory actually used is m' blocks (§3.2 step 2), m rounded down to a multiple of
 * 4p so every lane splits into 4 equal segments.
 *
 * @param memoryKib m, at least 8p
 * @param passes t, at least 1
 * @param lanes p, 1 to 2^24-1
 */
record Argon2Cost(int memoryKib, int passes, int lanes) {
  /** §3.1's limit on p. */
  static final int MAX_LANES = (1 << 24) - 1;
  /** The most blocks one {@code long[]} can hold (a Java array has at most 2^31-1 elements). */
  static final int MAX_BLOCKS = (Integer.MAX_VALUE - 8) / CompressionFunction.BLOCK_WORDS;
  /** Segments per lane: the synchronisation points of §3.4. */
  static final int SLICES = 4;

  Argon2Cost {
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException("Argon2 needs 1 <= p <= 2^24-1, got p=" + lanes);
    }
    if (passes < 1) {
      throw new IllegalArgumentException("Argon2 needs t >= 1, got t=" + passes);
    }
    if (memoryKib < 8L * lanes) {
      throw new IllegalArgumentException("Argon2 needs m >= 8p KiB, got m=" + memoryKib + ", p=" + lanes);
    }
    if (memoryKib / (SLICES * lanes) * SLICES * lanes > MAX_BLOCKS) {
      throw new IllegalArgumentException("Argon2 memory of " + memoryKib + " KiB exceeds one Java array");
    }
  }

  /** m' = 4p * floor(m / 4p), the number of 1024-byte blocks. */
  int blockCount() {
    return memoryKib / (SLICES * lanes) * SLICES * lanes;
  }

  /** q = m' / p, the blocks in one lane. */
  int laneLength() {
    return blockCount() / lanes;
  }

  /** q / 4, the blocks in one segment. */
  int segmentLength() {
    return laneLength() / SLICES;
  }
}
