package dev.gatehouse.server.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens whose signature this node has checked, by SHA-256 of the token (the token
 * itself is never kept as a key, and equal digests mean equal bytes). An entry leaves at the
 * token's {@code exp} or when the bound is reached. Bounded, so a flood of distinct valid
 * tokens only evicts older entries.
 */
final class VerifiedTokens {
  record Entry(VerifiedAccessToken token, String kid, String alg) {}

  private final Cache<String, Entry> entries;

  VerifiedTokens(int maximumSize, Clock clock) {
    this.entries = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), entry.token().expiresAt()).toNanos());
          }

          @Override
          public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
          }

          @Override
          public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Nullable Entry get(String token) {
    return entries.getIfPresent(digest(token));
  }

  void put(String token, Entry entry) {
    entries.put(digest(token), entry);
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
