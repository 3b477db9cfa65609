package dev.gatehouse.server.identity;

import static dev.gatehouse.server.identity.CompressionFunction.BLOCK_WORDS;

/**
 * The pseudo-random values J_1 || J_2 of RFC 9106 §3.4.1.2 (Argon2i), which Argon2id uses in the
 * first half of the first pass (§3.4.1.3) so that which blocks are read there does not depend on
 * the password, leaving no cache-timing trace of it. Each 1024-byte address block is
 * G(ZERO, G(ZERO, input)) for an input naming the segment and a counter, and serves 128 blocks.
 */
final class DataIndependentAddresses {
  private static final long[] ZERO = new long[BLOCK_WORDS];
  private static final int COUNTER = 6;

  private final CompressionFunction g;
  private final long[] input = new long[BLOCK_WORDS];
  private final long[] addresses = new long[BLOCK_WORDS];

  DataIndependentAddresses(CompressionFunction g) {
    this.g = g;
  }

  /**
   * Starts the segment of {@code lane} in {@code slice} of pass {@code pass}: the input block is
   * LE64(r) || LE64(l) || LE64(sl) || LE64(m') || LE64(t) || LE64(y) || LE64(i) || ZERO, and its
   * counter i restarts from 1.
   */
  void startSegment(int pass, int lane, int slice, int blockCount, int passes) {
    input[0] = pass;
    input[1] = lane;
    input[2] = slice;
    input[3] = blockCount;
    input[4] = passes;
    input[5] = Argon2id.TYPE;
    input[COUNTER] = 0;
  }

  /** J_1 (low 32 bits) and J_2 (high 32 bits) for the block at {@code index} in the segment. */
  long at(int index) {
    long counter = index / BLOCK_WORDS + 1L;
    if (input[COUNTER] != counter) {
      input[COUNTER] = counter;
      g.compress(ZERO, 0, input, 0, addresses, 0, false);
      g.compress(ZERO, 0, addresses, 0, addresses, 0, false);
    }
    return addresses[index % BLOCK_WORDS];
  }
}
