package dev.gatehouse.server.identity;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code capacity} Argon2 work memories of one size, each a flat {@code long[]} of m'
 * blocks, handed out one per hash and taken back afterwards. It exists for the garbage collector:
 * a fresh 19 MiB memory per login is a humongous allocation that stays live for the whole hash,
 * so under load G1 copies, promotes and collects it over and over; reused arrays are allocated
 * once and then just sit in the old generation. Blocking when all are in use also bounds what a
 * flood of logins can take to {@code capacity} × m KiB, and the CPU they take to {@code capacity}
 * hashes at a time.
 *
 * <p>Memories are handed out as the last hash left them, not zeroed. That is correct because
 * Argon2's first pass writes every block before anything reads it (RFC 9106 §3.2 steps 3-5: each
 * lane's blocks 0 and 1 come from H_0, and every later block j is G of block j-1 and a block of
 * the reference set, which in the first pass only holds blocks already written in that pass, see
 * {@link ReferenceArea}), and only later passes XOR into what is there. For secrecy it means the
 * last hash's memory (values derived from a password and salt, from which that hash's tag can be
 * recomputed) stays on the heap until the array is reused; the cleartext password it came from
 * was on the same heap as request data, so a heap reader learns no more than it could before.
 * Zeroing 19 MiB per hash would cost a few percent of a hash and protect only against that.
 *
 * <p>Requests for another size (stored hashes made with other parameters) get an array of their
 * own, outside the pool and its bound; they become rare as logins re-hash with the current
 * parameters.
 */
final class WorkMemoryPool {
  private final int blockCount;
  private final int capacity;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<long[]> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger created = new AtomicInteger();

  /**
   * @param blockCount m' of the memories to pool
   * @param capacity the most memories that may exist (and hashes of that size run) at once
   */
  WorkMemoryPool(int blockCount, int capacity) {
    if (blockCount < 1 || blockCount > Argon2Cost.MAX_BLOCKS) {
      throw new IllegalArgumentException("block count out of range: " + blockCount);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("pool capacity must be at least 1, got " + capacity);
    }
    this.blockCount = blockCount;
    this.capacity = capacity;
    // Fair, so a flood of logins is served in arrival order instead of starving some requests.
    this.permits = new Semaphore(capacity, true);
  }

  /**
   * A memory of {@code blocks} blocks, with unspecified contents; from the pool (waiting for one
   * to be released while all are in use) when that is the pooled size. Give it back with
   * {@link #release} in a {@code finally}.
   */
  long[] acquire(int blocks) {
    if (blocks != blockCount) {
      return new long[Math.multiplyExact(blocks, CompressionFunction.BLOCK_WORDS)];
    }
    // Uninterruptible: a wait lasts at most until one of the hashes in progress ends.
    permits.acquireUninterruptibly();
    long[] memory = idle.pollFirst();
    if (memory != null) {
      return memory;
    }
    // Every memory not idle belongs to another permit holder, so at most capacity - 1 exist.
    try {
      memory = new long[blockCount * CompressionFunction.BLOCK_WORDS];
    } catch (OutOfMemoryError e) {
      permits.release();
      throw e;
    }
    created.incrementAndGet();
    return memory;
  }

  /** Takes back a memory from {@link #acquire}; arrays of another size are left to the GC. */
  void release(long[] memory) {
    if (memory.length != blockCount * CompressionFunction.BLOCK_WORDS) {
      return;
    }
    // Idle before the permit is released, or a waiter could find no idle memory and make one more.
    idle.addFirst(memory);
    permits.release();
  }

  /** m' of the pooled memories. */
  int blockCount() {
    return blockCount;
  }

  int capacity() {
    return capacity;
  }

  /** How many pooled memories have been allocated so far; never more than {@link #capacity}. */
  int created() {
    return created.get();
  }
}
