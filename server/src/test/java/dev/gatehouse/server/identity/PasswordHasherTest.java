package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();
  /** What wrote and checked the hashes stored before {@link Argon2id}, at the OWASP parameters. */
  private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

  @Test
  void whenHashedThenPhcStringWithOwaspParameters() {
    String stored = hasher.hash("correct horse battery staple".toCharArray());

    assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(stored); // fresh salt
  }

  @Test
  void whenRightPasswordThenMatchesWithoutUpgrade() {
    String stored = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple".toCharArray(), stored))
        .isEqualTo(PasswordVerification.MATCH);
  }

  @Test
  void whenWrongPasswordThenMismatch() {
    String stored = hasher.hash("correct horse battery staple");

    PasswordVerification result = hasher.verify("correct horse battery stapler", stored);
    assertThat(result).isEqualTo(PasswordVerification.MISMATCH);
    assertThat(result.matches()).isFalse();
  }

  @Test
  void whenStoredValueIsNotArgon2ThenMismatchNotError() {
    assertThat(hasher.verify("x", "")).isEqualTo(PasswordVerification.MISMATCH);
    assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ012"))
        .isEqualTo(PasswordVerification.MISMATCH);
    assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!"))
        .isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenParametersChangedThenOldHashStillMatchesButNeedsUpgrade() {
    PasswordHasher old = new PasswordHasher(new PasswordHashParameters(4096, 1, 1, 16, 32));
    String stored = old.hash("hunter2");

    PasswordVerification result = hasher.verify("hunter2", stored);
    assertThat(result).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(result.matches()).isTrue();
    assertThat(result.needsUpgrade()).isTrue();
    // Stronger stored parameters also differ from the configured ones: re-hash to converge.
    assertThat(old.verify("hunter2", hasher.hash("hunter2"))).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(hasher.verify("wrong", stored)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenOnlySaltOrHashLengthChangedThenUpgradeNeeded() {
    PasswordHashParameters p = PasswordHashParameters.OWASP;
    PasswordHasher longerSalt = new PasswordHasher(
        new PasswordHashParameters(p.memoryKib(), p.iterations(), p.parallelism(), 32, p.hashBytes()));

    assertThat(hasher.verify("pw", longerSalt.hash("pw"))).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
  }

  @Test
  void whenReferenceImplementationVectorThenVerifies() {
    // phc-winner-argon2 src/test.c (the reference implementation): "password", salt "somesalt",
    // argon2id v=19 m=256 t=2 p=1. Not RFC 9106's §5.3 vector: that one uses a secret and
    // associated data, which Argon2PasswordEncoder cannot take.
    String reference = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    assertThat(hasher.verify("password", reference)).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(hasher.verify("passwore", reference)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenHashedThenSpringsEncoderVerifiesIt() {
    String stored = hasher.hash("correct horse battery staple ünïcödé 🐎".toCharArray());

    assertThat(spring.matches("correct horse battery staple ünïcödé 🐎", stored)).isTrue();
    assertThat(spring.matches("correct horse battery staple", stored)).isFalse();
  }

  @Test
  void whenHashedBySpringsEncoderThenVerifies() {
    String stored = spring.encode("correct horse battery staple ünïcödé 🐎");

    assertThat(hasher.verify("correct horse battery staple ünïcödé 🐎", stored)).isEqualTo(PasswordVerification.MATCH);
    assertThat(hasher.verify("correct horse battery staple", stored)).isEqualTo(PasswordVerification.MISMATCH);
    // Other parameters, including a hash longer than one BLAKE2b digest (RFC 9106 §3.3).
    String other = new Argon2PasswordEncoder(8, 80, 2, 64, 3).encode("pw");
    assertThat(hasher.verify("pw", other)).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(hasher.verify("pW", other)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenEmptyPasswordThenMismatchAsWithSpringsEncoder() {
    String stored = hasher.hash("");

    assertThat(spring.matches("", stored)).isFalse();
    assertThat(hasher.verify("", stored)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenPasswordHasUnpairedSurrogateThenMismatchNotError() {
    String stored = hasher.hash("a");

    assertThat(hasher.verify("\uD800", stored)).isEqualTo(PasswordVerification.MISMATCH);
    assertThat(hasher.verify("?", stored)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenMalformedPhcStringThenMismatchWithoutException() {
    String salt = "c29tZXNhbHQ";
    String tag = "nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    String[] malformed = {
        "$argon2id$v=19$m=256,t=2,p=0$" + salt + "$" + tag,
        "$argon2id$v=19$m=256,t=0,p=1$" + salt + "$" + tag,
        "$argon2id$v=19$m=7,t=2,p=1$" + salt + "$" + tag,
        "$argon2id$v=19$m=0,t=2,p=1$" + salt + "$" + tag,
        "$argon2id$v=19$m=99999999999,t=2,p=1$" + salt + "$" + tag,
        "$argon2id$v=19$m=2147483647,t=2,p=1$" + salt + "$" + tag,
        "$argon2id$v=19$m=256,t=2,p=16777216$" + salt + "$" + tag,
        "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$A", // not base64: 1 char left over
        "$argon2id$v=19$m=256,t=2,p=1$A$" + tag,
        "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$AAAA", // a 3-byte tag, below RFC 9106's 4
        "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$" + tag + "$",
        "$argon2id$v=19$m=256,t=2$" + salt + "$" + tag,
        "$argon2i$v=19$m=256,t=2,p=0$" + salt + "$" + tag,
        "$argon2d$v=19$m=256,t=0,p=1$" + salt + "$" + tag,
        "$argon2id$v=16$m=256,t=2,p=0$" + salt + "$" + tag,
        "$argon2id$v=99$m=256,t=2,p=1$" + salt + "$" + tag,
        "$argon2id$v=99999999999$m=256,t=2,p=1$" + salt + "$" + tag,
    };
    for (String stored : malformed) {
      assertThatCode(() -> assertThat(hasher.verify("password", stored)).isEqualTo(PasswordVerification.MISMATCH))
          .as(stored).doesNotThrowAnyException();
    }
  }

  @Test
  void whenOtherVariantOrVersionThenSpringsEncoderStillVerifiesIt() {
    String argon2i = phc(Argon2Parameters.ARGON2_i, "argon2i", Argon2Parameters.ARGON2_VERSION_13, "pw");
    String version16 = phc(Argon2Parameters.ARGON2_id, "argon2id", Argon2Parameters.ARGON2_VERSION_10, "pw");

    assertThat(hasher.verify("pw", argon2i)).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(hasher.verify("pw", version16)).isEqualTo(PasswordVerification.MATCH_NEEDS_UPGRADE);
    assertThat(hasher.verify("pv", argon2i)).isEqualTo(PasswordVerification.MISMATCH);
    assertThat(hasher.verify("pv", version16)).isEqualTo(PasswordVerification.MISMATCH);
  }

  @Test
  void whenThePoolOfOneIsReusedThenEveryHashVerifies() {
    PasswordHasher small = new PasswordHasher(new PasswordHashParameters(64, 1, 1, 16, 32), 1);
    String first = small.hash("first");
    String second = small.hash("second");

    assertThat(small.verify("first", first)).isEqualTo(PasswordVerification.MATCH);
    assertThat(small.verify("second", second)).isEqualTo(PasswordVerification.MATCH);
    assertThat(small.verify("first", second)).isEqualTo(PasswordVerification.MISMATCH);
    assertThat(small.pool().created()).isEqualTo(1);
  }

  /** A PHC string made by Bouncy Castle directly, for variants Spring's encoder never writes. */
  private static String phc(int type, String name, int version, String password) {
    byte[] salt = "saltsaltsaltsalt".getBytes(StandardCharsets.UTF_8);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(64)
        .withIterations(2).withParallelism(1).withSalt(salt).build());
    byte[] tag = new byte[32];
    generator.generateBytes(password.toCharArray(), tag);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return "$" + name + "$v=" + version + "$m=64,t=2,p=1$" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(tag);
  }
}
