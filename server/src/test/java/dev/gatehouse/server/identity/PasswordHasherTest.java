package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

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
}
