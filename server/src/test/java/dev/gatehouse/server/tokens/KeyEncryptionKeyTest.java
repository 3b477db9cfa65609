package dev.gatehouse.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {
  private static final byte[] PRIVATE_JWK =
      "{\"kty\":\"EC\",\"d\":\"not-a-real-key\"}".getBytes(StandardCharsets.UTF_8);

  private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());

  @Test
  void whenSealedThenOpensToSamePlaintext() {
    byte[] sealed = kek.seal("kid-1", PRIVATE_JWK);

    assertThat(kek.open("kid-1", sealed)).isEqualTo(PRIVATE_JWK);
  }

  @Test
  void whenSealedTwiceThenCiphertextsDifferAndHidePlaintext() {
    byte[] a = kek.seal("kid-1", PRIVATE_JWK);
    byte[] b = kek.seal("kid-1", PRIVATE_JWK);

    assertThat(a).isNotEqualTo(b);
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("not-a-real-key");
    assertThat(a).hasSize(1 + 4 + 12 + PRIVATE_JWK.length + 16);
  }

  @Test
  void whenAnyByteTamperedThenOpenFails() {
    byte[] sealed = kek.seal("kid-1", PRIVATE_JWK);
    for (int i = 5; i < sealed.length; i++) { // header bytes have their own, clearer errors
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> kek.open("kid-1", tampered))
          .isInstanceOf(KeyDecryptionException.class)
          .hasMessageContaining("failed authentication");
    }
  }

  @Test
  void whenOpenedWithAnotherKekThenMessageSaysKekDoesNotMatch() {
    byte[] sealed = kek.seal("kid-1", PRIVATE_JWK);
    KeyEncryptionKey other = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());

    assertThatThrownBy(() -> other.open("kid-1", sealed))
        .isInstanceOf(KeyDecryptionException.class)
        .hasMessageStartingWith("the key-encryption key does not match")
        .hasMessageContaining(kek.id())
        .hasMessageContaining(other.id())
        .hasNoCause();
  }

  @Test
  void whenCiphertextMovedToAnotherKidThenOpenFails() {
    byte[] sealed = kek.seal("kid-1", PRIVATE_JWK);

    assertThatThrownBy(() -> kek.open("kid-2", sealed))
        .isInstanceOf(KeyDecryptionException.class)
        .hasMessageContaining("kid-2");
  }

  @Test
  void whenSealedValueTruncatedOrOfUnknownVersionThenOpenFails() {
    byte[] sealed = kek.seal("kid-1", PRIVATE_JWK);
    byte[] future = sealed.clone();
    future[0] = 2;

    assertThatThrownBy(() -> kek.open("kid-1", new byte[10])).hasMessageContaining("truncated");
    assertThatThrownBy(() -> kek.open("kid-1", future)).hasMessageContaining("version 2");
  }

  @Test
  void whenKeyIsNot32BytesThenRejected() {
    assertThatThrownBy(() -> new KeyEncryptionKey(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64Url("not base64!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64url");
  }

  @Test
  void toStringShowsOnlyTheKeyId() {
    assertThat(kek.toString()).isEqualTo("KeyEncryptionKey[id=" + kek.id() + "]");
  }
}
