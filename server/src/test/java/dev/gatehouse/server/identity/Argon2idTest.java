package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** {@link Argon2id} against RFC 9106's test vector and against Bouncy Castle's implementation. */
class Argon2idTest {
  private static final int MIB = 1024;

  static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static Argon2id unpooled() {
    return new Argon2id(new WorkMemoryPool(1, 1));
  }

  /** The same computation by Bouncy Castle, the implementation this one replaces. */
  static byte[] bouncyCastle(Argon2Cost cost, int tagLength, byte[] password, byte[] salt,
      byte[] secret, byte[] associatedData) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(cost.memoryKib())
        .withIterations(cost.passes())
        .withParallelism(cost.lanes())
        .withSalt(salt)
        .withSecret(secret)
        .withAdditional(associatedData)
        .build());
    byte[] tag = new byte[tagLength];
    generator.generateBytes(password, tag);
    return tag;
  }

  @Test
  void rfc9106Section5_3TestVector() {
    Argon2Cost cost = new Argon2Cost(32, 3, 4);
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] associatedData = filled(12, 0x04);
    // RFC 9106 §5.3, "Tag:".
    byte[] expected = HexFormat.of().parseHex(
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");

    assertThat(unpooled().hash(cost, 32, password, salt, secret, associatedData)).isEqualTo(expected);
    assertThat(bouncyCastle(cost, 32, password, salt, secret, associatedData)).isEqualTo(expected);
  }

  /**
   * RFC 9106 §3.2-§3.6 as a whole, with H' (§3.3) at tag lengths up to 100 bytes, over random
   * parameters, against Bouncy Castle's Argon2BytesGenerator. Memory stays small (mostly under
   * 256 KiB, a few of 1-3 MiB) so the test takes about a second.
   */
  @Test
  void rfc9106Section3MatchesBouncyCastleOverRandomParameters() {
    SplittableRandom random = new SplittableRandom(0x9106);
    Argon2id argon2id = unpooled();
    for (int run = 0; run < 120; run++) {
      int lanes = random.nextInt(1, 5);
      int memoryKib = run % 30 == 29
          ? random.nextInt(MIB, 3 * MIB + 1)
          : random.nextInt(8 * lanes, 8 * lanes + 256);
      Argon2Cost cost = new Argon2Cost(memoryKib, random.nextInt(1, 5), lanes);
      int tagLength = run < 4 ? new int[] {4, 64, 65, 100}[run] : random.nextInt(4, 101);
      byte[] password = bytes(random, random.nextInt(0, 3) == 0 ? 0 : random.nextInt(1, 70));
      byte[] salt = bytes(random, random.nextInt(0, 40));
      byte[] secret = bytes(random, random.nextInt(0, 2) == 0 ? 0 : random.nextInt(1, 40));
      byte[] associatedData = bytes(random, random.nextInt(0, 2) == 0 ? 0 : random.nextInt(1, 40));

      assertThat(argon2id.hash(cost, tagLength, password, salt, secret, associatedData))
          .as("run %d: %s, T=%d, |P|=%d, |S|=%d, |K|=%d, |X|=%d", run, cost, tagLength,
              password.length, salt.length, secret.length, associatedData.length)
          .isEqualTo(bouncyCastle(cost, tagLength, password, salt, secret, associatedData));
    }
  }

  /** RFC 9106 §3.2 step 2: m' is m rounded down to a multiple of 4p, so m=35 acts as m=32. */
  @Test
  void rfc9106Section3_2MemoryIsRoundedDownToFourLaneMultiple() {
    Argon2Cost cost = new Argon2Cost(35, 1, 2);
    assertThat(cost.blockCount()).isEqualTo(32);
    assertThat(cost.segmentLength()).isEqualTo(4);
    byte[] password = filled(8, 'p');
    byte[] salt = filled(16, 's');

    assertThat(unpooled().hash(cost, 32, password, salt))
        .isEqualTo(bouncyCastle(cost, 32, password, salt, new byte[0], new byte[0]));
  }

  /** RFC 9106 §3.1's ranges: p from 1, t from 1, m from 8p KiB, T from 4 bytes. */
  @Test
  void rfc9106Section3_1RejectsParametersOutOfRange() {
    assertThatThrownBy(() -> new Argon2Cost(8, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Cost(8, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Cost(15, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Cost(8, 1, 1 << 24)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Cost(Integer.MAX_VALUE, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> unpooled().hash(new Argon2Cost(8, 1, 1), 3, new byte[0], new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
