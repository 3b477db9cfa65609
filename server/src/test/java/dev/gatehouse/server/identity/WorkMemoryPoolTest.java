package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The bounded pool of Argon2 work memories and hashing on memories a previous hash left dirty. */
class WorkMemoryPoolTest {
  private static final Argon2Cost COST = new Argon2Cost(64, 2, 2);
  private static final byte[] SALT = "sixteen-byte-slt".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NONE = new byte[0];

  static byte[] expected(Argon2Cost cost, byte[] password) {
    return Argon2idTest.bouncyCastle(cost, 32, password, SALT, NONE, NONE);
  }

  static byte[] password(int n) {
    return ("password number " + n).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void whenManyThreadsHashAtOnceThenAllTagsAreRightAndNoMoreThanCapacityMemoriesExist() throws Exception {
    WorkMemoryPool pool = new WorkMemoryPool(COST.blockCount(), 2);
    Argon2id argon2id = new Argon2id(pool);
    CountDownLatch allStarted = new CountDownLatch(32);
    List<Future<byte[]>> tags = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < 32; n++) {
        byte[] password = password(n);
        tags.add(threads.submit(() -> {
          allStarted.countDown();
          allStarted.await(); // all 32 ask the pool of 2 at about the same time
          return argon2id.hash(COST, 32, password, SALT);
        }));
      }
      for (int n = 0; n < tags.size(); n++) {
        assertThat(tags.get(n).get()).as("password %d", n).isEqualTo(expected(COST, password(n)));
      }
    }
    assertThat(pool.created()).isBetween(1, 2);
  }

  /**
   * RFC 9106 §3.2 steps 3-5 write every block in the first pass before it is read, so a memory
   * need not be zeroed between hashes: here it is full of garbage, then of another hash's blocks.
   */
  @Test
  void whenMemoryIsReusedUnclearedThenTagsAreStillRight() {
    WorkMemoryPool pool = new WorkMemoryPool(COST.blockCount(), 1);
    long[] memory = pool.acquire(COST.blockCount());
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < memory.length; k++) {
      memory[k] = random.nextLong();
    }
    pool.release(memory);
    Argon2id argon2id = new Argon2id(pool);

    for (int n = 0; n < 3; n++) {
      assertThat(argon2id.hash(COST, 32, password(n), SALT)).isEqualTo(expected(COST, password(n)));
    }
    assertThat(pool.created()).isEqualTo(1);
    assertThat(pool.acquire(COST.blockCount())).isSameAs(memory);
  }

  @Test
  void whenAnotherMemorySizeIsHashedThenItGetsItsOwnArrayOutsideThePool() {
    WorkMemoryPool pool = new WorkMemoryPool(COST.blockCount(), 1);
    Argon2Cost other = new Argon2Cost(128, 1, 1);

    assertThat(new Argon2id(pool).hash(other, 32, password(1), SALT)).isEqualTo(expected(other, password(1)));
    assertThat(pool.created()).isZero();
    long[] pooled = pool.acquire(COST.blockCount());
    // The pool's only memory is now taken, yet other sizes do not wait for it.
    assertThat(new Argon2id(pool).hash(other, 32, password(2), SALT)).isEqualTo(expected(other, password(2)));
    pool.release(pooled);
    assertThat(pool.created()).isEqualTo(1);
  }

  @Test
  void whenPasswordHasherVerifiesConcurrentlyThenItsPoolStaysWithinItsSize() throws Exception {
    PasswordHasher hasher = new PasswordHasher(new PasswordHashParameters(256, 1, 1, 16, 32), 2);
    String stored = hasher.hash("correct horse");
    List<Future<PasswordVerification>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < 32; n++) {
        String attempt = n % 2 == 0 ? "correct horse" : "wrong horse " + n;
        results.add(threads.submit(() -> hasher.verify(attempt, stored)));
      }
      for (int n = 0; n < results.size(); n++) {
        assertThat(results.get(n).get()).isEqualTo(
            n % 2 == 0 ? PasswordVerification.MATCH : PasswordVerification.MISMATCH);
      }
    }
    assertThat(hasher.pool().capacity()).isEqualTo(2);
    assertThat(hasher.pool().created()).isBetween(1, 2);
  }
}
