package dev.gatehouse.server.tokens;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * When signing keys rotate.
 *
 * @param algorithms one active key is kept per algorithm
 * @param rotationPeriod how long a key signs before its successor is scheduled
 * @param publishAhead how long a new key sits in the JWKS before it signs; must exceed every
 *     verifier's JWKS cache lifetime (and each node's key-ring refresh interval)
 * @param maxTokenLifetime the longest lifetime of any JWT we sign; a retired key stays
 *     published this long so tokens it signed keep verifying
 */
public record KeyRotationPolicy(
    Set<SigningAlgorithm> algorithms, Duration rotationPeriod, Duration publishAhead, Duration maxTokenLifetime) {

  /** ES256 and RS256, 30-day keys, published a day ahead, kept a day after retirement. */
  public static final KeyRotationPolicy DEFAULT = new KeyRotationPolicy(
      EnumSet.of(SigningAlgorithm.ES256, SigningAlgorithm.RS256),
      Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(1));

  public KeyRotationPolicy {
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one signing algorithm is needed");
    }
    algorithms = Collections.unmodifiableSet(EnumSet.copyOf(algorithms)); // enum order: deterministic
    if (rotationPeriod.isNegative() || rotationPeriod.isZero() || publishAhead.isNegative()
        || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
      throw new IllegalArgumentException("rotation period and max token lifetime must be positive, publish-ahead not negative");
    }
    if (publishAhead.compareTo(rotationPeriod) >= 0) {
      throw new IllegalArgumentException("publish-ahead must be shorter than the rotation period");
    }
  }

  public KeyRotationPolicy withAlgorithms(Set<SigningAlgorithm> algorithms) {
    return new KeyRotationPolicy(algorithms, rotationPeriod, publishAhead, maxTokenLifetime);
  }
}
