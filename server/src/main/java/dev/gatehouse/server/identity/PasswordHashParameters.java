package dev.gatehouse.server.identity;

/**
 * Argon2id cost parameters. {@link #OWASP} is the OWASP Password Storage Cheat Sheet minimum
 * (m=19 MiB, t=2, p=1), 18 ms of CPU per hash by DESIGN.md §2, about 31 ms on the 2-core benchmark machine (BENCHMARKS.md).
 *
 * @param memoryKib memory cost in KiB (PHC {@code m})
 * @param iterations time cost (PHC {@code t})
 * @param parallelism lanes (PHC {@code p})
 * @param saltBytes random salt length
 * @param hashBytes output length
 */
public record PasswordHashParameters(
    int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

  public static final PasswordHashParameters OWASP = new PasswordHashParameters(19 * 1024, 2, 1, 16, 32);

  public PasswordHashParameters {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      throw new IllegalArgumentException("Argon2 needs p >= 1, t >= 1 and m >= 8*p KiB");
    }
    if (saltBytes < 8 || hashBytes < 16) {
      throw new IllegalArgumentException("Argon2 salt must be >= 8 bytes and hash >= 16 bytes");
    }
  }
}
