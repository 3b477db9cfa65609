package dev.gatehouse.server.app;

import dev.gatehouse.server.tokens.KeyEncryptionKey;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded default's secrets: a key-encryption key and a secret-hash key generated once
 * into {@code <data>/secrets.properties} (mode 0600). Production sets them through
 * {@code GATEHOUSE_KEY_ENCRYPTION_KEY} and {@code GATEHOUSE_SECRET_HASH_KEY} instead.
 */
final class DataDirectorySecrets {
  static final String KEK = "key-encryption-key";
  static final String HASH_KEY = "secret-hash-key";

  record Secrets(String keyEncryptionKey, String secretHashKey, boolean generated) {
    @Override
    public String toString() {
      return "Secrets[***]";
    }
  }

  private DataDirectorySecrets() {}

  static Secrets loadOrGenerate(Path dataDirectory, Optional<String> kek, Optional<String> hashKey) {
    Path file = dataDirectory.resolve("secrets.properties");
    Properties props = new Properties();
    boolean generated = false;
    try {
      Files.createDirectories(dataDirectory);
      if (Files.isRegularFile(file)) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          props.load(in);
        }
      }
      if (props.getProperty(KEK) == null || props.getProperty(HASH_KEY) == null) {
        props.putIfAbsent(KEK, randomKey());
        props.putIfAbsent(HASH_KEY, randomKey());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          props.store(out, "Gatehouse embedded default secrets. Keep private; back up with the data.");
        }
        generated = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
    return new Secrets(
        kek.orElse(props.getProperty(KEK)), hashKey.orElse(props.getProperty(HASH_KEY)), generated);
  }

  private static String randomKey() {
    return KeyEncryptionKey.generateBase64Url(); // 32 random bytes, base64url
  }
}
