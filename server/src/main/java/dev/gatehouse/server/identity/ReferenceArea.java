package dev.gatehouse.server.identity;

/**
 * The mapping of J_1 to a block of the reference set W of RFC 9106 §3.4.2. W holds what may be
 * read without waiting on another lane: the last three finished segments of the referenced lane
 * (in the first pass only those finished so far), plus, in the own lane, the blocks of the
 * current segment before the previous one. Segments of one slice never read each other, which
 * is what lets lanes run in parallel, or one after the other with the same result. When another
 * lane is referenced from a segment's first block, that lane's block in the previous column is
 * left out too, as B[i][j-1] is in the own lane.
 */
final class ReferenceArea {
  private static final long LOW_32 = 0xFFFFFFFFL;

  private ReferenceArea() {}

  /**
   * The column in the referenced lane.
   *
   * @param segmentLength q / 4, see {@link Argon2Cost#segmentLength()}
   * @param index the position of the block being computed within its segment
   * @param sameLane whether the referenced lane is the lane being computed
   * @param pseudoRandom J_2 || J_1; only J_1, the low 32 bits, is used here
   */
  static int column(int segmentLength, int pass, int slice, int index, boolean sameLane,
      long pseudoRandom) {
    int laneLength = segmentLength * Argon2Cost.SLICES;
    int finished = pass == 0 ? slice * segmentLength : laneLength - segmentLength;
    long size;
    if (sameLane) {
      size = finished + index - 1L;
    } else {
      size = index == 0 ? finished - 1L : finished;
    }
    // |W| * (1 - J_1^2 / 2^64) in integers: recent blocks are picked far more often than old ones.
    long j1 = pseudoRandom & LOW_32;
    long x = (j1 * j1) >>> 32;
    long y = (size * x) >>> 32;
    long relative = size - 1 - y;
    // W begins right after the current segment, wrapping round the lane, once a pass has
    // filled the whole lane.
    long start = pass == 0 || slice == Argon2Cost.SLICES - 1 ? 0 : (slice + 1L) * segmentLength;
    return (int) ((start + relative) % laneLength);
  }
}
