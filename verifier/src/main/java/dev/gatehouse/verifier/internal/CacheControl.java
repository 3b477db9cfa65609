package dev.gatehouse.verifier.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads the freshness lifetime a JWKS response grants (RFC 9111 §5.2.2). */
final class CacheControl {
  private CacheControl() {}

  /**
   * {@code max-age} in seconds, zero for {@code no-store}/{@code no-cache}, empty when the header
   * says nothing about freshness.
   */
  static Optional<Duration> maxAge(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Duration found = null;
    for (String directive : header.get().split(",")) {
      String d = directive.trim().toLowerCase(Locale.ROOT);
      if (d.equals("no-store") || d.equals("no-cache")) {
        return Optional.of(Duration.ZERO);
      }
      if (d.startsWith("max-age=")) {
        String value = d.substring("max-age=".length()).replace("\"", "");
        try {
          found = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
          found = Duration.ZERO; // RFC 9111 §4.2.1: an invalid max-age means stale
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /** Clamps {@code value} into {@code [min, max]}. */
  static Duration clamp(Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0) {
      return min;
    }
    return value.compareTo(max) > 0 ? max : value;
  }
}
