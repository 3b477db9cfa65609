package dev.gatehouse.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refresh tokens not yet spent, for the refresh_token grant with rotation: each request takes
 * one, and the new refresh token of each successful response goes back in (as bench.lua does),
 * so a pool of a few dozen tokens from fresh logins lasts a whole run as long as fewer requests
 * than that are in flight at once. When it is empty the last token handed out is sent again; the
 * server rejects it (a spent token) and the run reports how often that happened ("pool ran
 * dry"), rather than silently measuring error responses.
 */
final class RefreshTokenPool {
  /** The second field of a pool line, as bench.lua matches it. */
  private static final Pattern SECOND_FIELD = Pattern.compile("^\\s*\\S+\\s+(\\S+)");
  private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

  private final Deque<String> tokens = new ArrayDeque<>();
  private String last;
  private long dry;

  /** Lines "access refresh" as LoginDriver's LOGIN_DUMP writes them. */
  static RefreshTokenPool load(Path file) throws IOException {
    RefreshTokenPool pool = new RefreshTokenPool();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = SECOND_FIELD.matcher(line);
      if (m.find()) {
        pool.tokens.addLast(m.group(1));
      }
    }
    if (pool.tokens.isEmpty()) {
      throw new IllegalArgumentException("no refresh tokens in " + file);
    }
    pool.last = pool.tokens.peekLast();
    return pool;
  }

  synchronized String take() {
    String t = tokens.pollFirst();
    if (t == null) {
      dry++;
      return last;
    }
    return t;
  }

  /** Puts back the rotated refresh token of a response body, if it has one. */
  void putBackFrom(String body) {
    if (body == null) {
      return;
    }
    Matcher m = REFRESH_TOKEN.matcher(body);
    if (m.find()) {
      synchronized (this) {
        tokens.addLast(m.group(1));
        last = m.group(1);
      }
    }
  }

  /** Requests that found the pool empty. */
  synchronized long dryCount() {
    return dry;
  }

  synchronized int size() {
    return tokens.size();
  }
}
