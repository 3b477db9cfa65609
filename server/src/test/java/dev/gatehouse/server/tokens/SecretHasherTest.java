package dev.gatehouse.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretHasherTest {
  private static final byte[] KEY = new byte[32];

  private final SecretHasher hasher = new SecretHasher(KEY);

  @Test
  void whenHashedThenPrefixedVersionedAndMatchesOnlyTheSameSecret() {
    String secret = SecretHasher.generateSecret();
    String stored = hasher.hash(secret);

    assertThat(stored).startsWith("hs1$").doesNotContain(secret);
    assertThat(hasher.matches(secret, stored)).isTrue();
    assertThat(hasher.matches(secret + "x", stored)).isFalse();
    assertThat(hasher.matches(secret, "")).isFalse();
    assertThat(hasher.matches(secret, stored.substring(4))).isFalse();
  }

  @Test
  void whenHashedThenItIsHmacSha256OfTheSecretUnderTheServerKey() throws Exception {
    // Checked against the JDK's HMAC (itself covered by RFC 4231 vectors) rather than a
    // published vector, since our key is fixed at 32 bytes.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
    byte[] expected = mac.doFinal("abc".getBytes(StandardCharsets.UTF_8));

    assertThat(hasher.hash("abc"))
        .isEqualTo("hs1$" + Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
  }

  @Test
  void whenServerKeyDiffersThenHashDiffers() {
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;

    assertThat(new SecretHasher(otherKey).hash("abc")).isNotEqualTo(hasher.hash("abc"));
  }

  @Test
  void whenSecretGeneratedThen256BitsUrlSafeAndUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String secret = SecretHasher.generateSecret();
      assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
      assertThat(seen.add(secret)).isTrue();
    }
  }

  @Test
  void whenUsedFromManyThreadsThenHashesAreConsistent() {
    String expected = hasher.hash("shared");
    Set<String> results = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 10_000).parallel().forEach(i -> results.add(hasher.hash("shared")));

    assertThat(results).containsExactly(expected);
  }

  @Test
  void whenKeyIsNot32BytesThenRejected() {
    assertThatThrownBy(() -> new SecretHasher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
