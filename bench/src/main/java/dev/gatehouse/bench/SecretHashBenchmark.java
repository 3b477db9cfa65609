package dev.gatehouse.bench;

import dev.gatehouse.server.identity.PasswordHashParameters;
import dev.gatehouse.server.identity.PasswordHasher;
import dev.gatehouse.server.identity.PasswordVerification;
import dev.gatehouse.server.tokens.SecretHasher;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The cost of checking a secret, machine versus human (DESIGN.md §6): HMAC-SHA256 of a 43-char
 * client secret against Argon2id at the OWASP parameters (m=19 MiB, t=2, p=1). The ratio is how
 * many client-credentials checks one password check costs, i.e. what a slow KDF on client secrets
 * would take off the token endpoint's ceiling. The Argon2id check is measured twice: through
 * {@link PasswordHasher} (Gatehouse's own Argon2id on a pooled flat memory) and through Spring's
 * {@link Argon2PasswordEncoder} (Bouncy Castle, one object per 1 KiB block), on the same stored
 * hash; run with {@code -prof gc} to see what each allocates per check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecretHashBenchmark {
  private SecretHasher secretHasher;
  private String clientSecret;
  private String storedSecretHash;

  private PasswordHasher passwordHasher;
  private String password;
  private String storedPasswordHash;
  private Argon2PasswordEncoder bouncyCastle;

  @Setup
  public void setUp() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    secretHasher = new SecretHasher(key);
    clientSecret = SecretHasher.generateSecret(); // 256 bits, 43 base64url characters
    if (clientSecret.length() != 43) {
      throw new IllegalStateException("expected a 43-character secret, got " + clientSecret.length());
    }
    storedSecretHash = secretHasher.hash(clientSecret);

    passwordHasher = new PasswordHasher(); // OWASP parameters
    password = "correct horse battery staple";
    storedPasswordHash = passwordHasher.hash(password);
    if (passwordHasher.verify(password, storedPasswordHash) != PasswordVerification.MATCH) {
      throw new IllegalStateException("the password hash does not verify at its own parameters");
    }
    PasswordHashParameters owasp = PasswordHashParameters.OWASP;
    bouncyCastle = new Argon2PasswordEncoder(owasp.saltBytes(), owasp.hashBytes(), owasp.parallelism(),
        owasp.memoryKib(), owasp.iterations());
    if (!bouncyCastle.matches(password, storedPasswordHash)) {
      throw new IllegalStateException("Spring's encoder does not verify PasswordHasher's hash");
    }
  }

  /** Storing a new client secret, code or token: one HMAC-SHA256 plus base64url. */
  @Benchmark
  public String hmacSecretHash() {
    return secretHasher.hash(clientSecret);
  }

  /** Client authentication with client_secret_basic/post: hash and constant-time compare. */
  @Benchmark
  public boolean hmacSecretMatches() {
    return secretHasher.matches(clientSecret, storedSecretHash);
  }

  /** A password login: Argon2id at m=19 MiB, t=2, p=1, the cost a KDF would add per secret. */
  @Benchmark
  public PasswordVerification argon2idVerifyOwasp() {
    return passwordHasher.verify(password, storedPasswordHash);
  }

  /** The same login check as {@link #argon2idVerifyOwasp} through Spring's encoder (Bouncy Castle). */
  @Benchmark
  public boolean argon2idVerifyOwaspBouncyCastle() {
    return bouncyCastle.matches(password, storedPasswordHash);
  }
}
