package dev.gatehouse.server.identity;

import static dev.gatehouse.server.identity.CompressionFunction.BLOCK_WORDS;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id version 0x13 as specified by RFC 9106 §3, over one flat {@code long[]} of m' × 128
 * words taken from a {@link WorkMemoryPool}, so a hash allocates nothing that grows with m.
 * Lanes are computed one after the other within each slice; since segments of one slice never
 * read each other (§3.4), the tag is the same as with p threads. Thread-safe: all per-hash state
 * lives in the call.
 */
final class Argon2id {
  /** v of §3.1. */
  static final int VERSION = 0x13;
  /** y of §3.1 for Argon2id. */
  static final int TYPE = 2;
  /** §3.1's shortest tag. */
  static final int MIN_TAG_LENGTH = 4;

  private static final int H0_LENGTH = 64;
  private static final int BLOCK_BYTES = BLOCK_WORDS * Long.BYTES;
  private static final byte[] EMPTY = new byte[0];

  private final WorkMemoryPool pool;

  Argon2id(WorkMemoryPool pool) {
    this.pool = pool;
  }

  /** The tag for a password and salt, without secret K or associated data X. */
  byte[] hash(Argon2Cost cost, int tagLength, byte[] password, byte[] salt) {
    return hash(cost, tagLength, password, salt, EMPTY, EMPTY);
  }

  /**
   * The tag of RFC 9106 §3.2.
   *
   * @param tagLength T in bytes, at least 4
   * @param secret K, may be empty
   * @param associatedData X, may be empty
   */
  byte[] hash(Argon2Cost cost, int tagLength, byte[] password, byte[] salt, byte[] secret,
      byte[] associatedData) {
    if (tagLength < MIN_TAG_LENGTH) {
      throw new IllegalArgumentException("Argon2 tags are at least 4 bytes, got " + tagLength);
    }
    byte[] h0 = initialHash(cost, tagLength, password, salt, secret, associatedData);
    CompressionFunction g = new CompressionFunction();
    long[] memory = pool.acquire(cost.blockCount());
    try {
      firstBlocks(cost, h0, memory);
      for (int pass = 0; pass < cost.passes(); pass++) {
        for (int slice = 0; slice < Argon2Cost.SLICES; slice++) {
          for (int lane = 0; lane < cost.lanes(); lane++) {
            fillSegment(cost, g, memory, pass, slice, lane);
          }
        }
      }
      return tag(cost, tagLength, memory);
    } finally {
      Arrays.fill(h0, (byte) 0);
      pool.release(memory);
    }
  }

  /** H_0 of §3.2 step 1: every input, each length-prefixed, hashed to 64 bytes. */
  private static byte[] initialHash(Argon2Cost cost, int tagLength, byte[] password, byte[] salt,
      byte[] secret, byte[] associatedData) {
    Blake2bDigest h = VariableLengthHash.blake2b(H0_LENGTH);
    for (int value : new int[] {cost.lanes(), tagLength, cost.memoryKib(), cost.passes(), VERSION, TYPE}) {
      update(h, LittleEndian.int32(value));
    }
    for (byte[] input : new byte[][] {password, salt, secret, associatedData}) {
      update(h, LittleEndian.int32(input.length));
      update(h, input);
    }
    byte[] h0 = new byte[H0_LENGTH];
    h.doFinal(h0, 0);
    return h0;
  }

  private static void update(Blake2bDigest h, byte[] bytes) {
    h.update(bytes, 0, bytes.length);
  }

  /** §3.2 steps 3 and 4: B[i][0] = H'(H_0 || LE32(0) || LE32(i)), B[i][1] likewise with 1. */
  private static void firstBlocks(Argon2Cost cost, byte[] h0, long[] memory) {
    byte[] block = new byte[BLOCK_BYTES];
    for (int lane = 0; lane < cost.lanes(); lane++) {
      byte[] laneNumber = LittleEndian.int32(lane);
      for (int column = 0; column < 2; column++) {
        VariableLengthHash.hash(BLOCK_BYTES, block, 0, h0, LittleEndian.int32(column), laneNumber);
        LittleEndian.toWords(block, memory, offset(cost, lane, column), BLOCK_WORDS);
      }
    }
    Arrays.fill(block, (byte) 0);
  }

  /**
   * §3.2 steps 5 and 6 for one segment: B[i][j] = G(B[i][j-1], B[l][z]), XORed into the old
   * B[i][j] after the first pass (version 0x13), with j-1 wrapping to the lane's last column.
   */
  private static void fillSegment(Argon2Cost cost, CompressionFunction g, long[] memory, int pass,
      int slice, int lane) {
    int segmentLength = cost.segmentLength();
    int laneLength = cost.laneLength();
    int lanes = cost.lanes();
    boolean firstSegment = pass == 0 && slice == 0;
    DataIndependentAddresses addresses = null;
    if (pass == 0 && slice < 2) {
      addresses = new DataIndependentAddresses(g);
      addresses.startSegment(pass, lane, slice, cost.blockCount(), cost.passes());
    }
    int startIndex = firstSegment ? 2 : 0;
    int laneStart = lane * laneLength;
    int column = slice * segmentLength + startIndex;
    int previous = (laneStart + (column == 0 ? laneLength - 1 : column - 1)) * BLOCK_WORDS;
    for (int index = startIndex; index < segmentLength; index++, column++) {
      long pseudoRandom = addresses != null ? addresses.at(index) : memory[previous];
      int referenceLane = firstSegment ? lane : (int) ((pseudoRandom >>> 32) % lanes);
      int referenceColumn = ReferenceArea.column(
          segmentLength, pass, slice, index, referenceLane == lane, pseudoRandom);
      int reference = (referenceLane * laneLength + referenceColumn) * BLOCK_WORDS;
      int current = (laneStart + column) * BLOCK_WORDS;
      g.compress(memory, previous, memory, reference, memory, current, pass > 0);
      previous = current;
    }
  }

  /** §3.2 steps 7 and 8: H'^T of the XOR of the last column. */
  private static byte[] tag(Argon2Cost cost, int tagLength, long[] memory) {
    long[] last = new long[BLOCK_WORDS];
    for (int lane = 0; lane < cost.lanes(); lane++) {
      int block = offset(cost, lane, cost.laneLength() - 1);
      for (int k = 0; k < BLOCK_WORDS; k++) {
        last[k] ^= memory[block + k];
      }
    }
    byte[] finalBlock = LittleEndian.toBytes(last, 0, BLOCK_WORDS);
    byte[] tag = VariableLengthHash.hash(tagLength, finalBlock);
    Arrays.fill(finalBlock, (byte) 0);
    return tag;
  }

  /** Where B[lane][column] starts in the flat memory. */
  private static int offset(Argon2Cost cost, int lane, int column) {
    return (lane * cost.laneLength() + column) * BLOCK_WORDS;
  }
}
