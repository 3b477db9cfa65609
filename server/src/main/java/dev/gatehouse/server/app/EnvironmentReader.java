package dev.gatehouse.server.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed values from environment variables; every failure names the variable. */
final class EnvironmentReader {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private final Map<String, String> env;

  EnvironmentReader(Map<String, String> env) {
    this.env = env;
  }

  Optional<String> optional(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number, got '" + raw.get() + "'");
    }
  }

  boolean bool(String name, boolean fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
    };
  }

  /** Accepts ISO-8601 ({@code PT10M}) or a short form ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 12h}, {@code 30d}). */
  Duration duration(String name, Duration fallback, Duration min) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    Duration value = parseDuration(name, raw.get());
    if (value.compareTo(min) < 0) {
      throw new ConfigException(name, "must be at least " + min + ", got " + raw.get());
    }
    return value;
  }

  private static Duration parseDuration(String name, String raw) {
    Matcher m = SHORT_DURATION.matcher(raw.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(raw.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          name, "must be a duration such as 30s, 10m, 12h, 30d or PT10M, got '" + raw + "'");
    }
  }

  List<String> list(String name, List<String> fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    List<String> values = new ArrayList<>();
    for (String part : raw.get().split(",")) {
      if (!part.isBlank()) {
        values.add(part.strip());
      }
    }
    if (values.isEmpty()) {
      throw new ConfigException(name, "must list at least one value");
    }
    return List.copyOf(values);
  }
}
