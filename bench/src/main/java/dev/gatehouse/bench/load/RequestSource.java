package dev.gatehouse.bench.load;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The request of one scenario, from the same environment variables as bench/wrk/bench.lua, so
 * bench/run.sh drives the paced driver exactly as it drives wrk:
 *
 * <ul>
 *   <li>{@code BENCH_MODE=get}: GET {@code BENCH_PATH}, with {@code Authorization: Bearer
 *       BENCH_BEARER} if set;
 *   <li>{@code BENCH_MODE=post}: POST the form {@code BENCH_BODY} to {@code BENCH_PATH}, with
 *       {@code Authorization: BENCH_AUTH} if set;
 *   <li>{@code BENCH_MODE=refresh}: the refresh_token grant for {@code BENCH_CLIENT_ID} with a
 *       token from {@link RefreshTokenPool} ({@code BENCH_POOL}) per request.
 * </ul>
 *
 * <p>get and post send the same bytes every time, built once; refresh builds each request
 * around its token.
 */
final class RequestSource {
  private final String head;
  private final byte[] fixed;
  private final RefreshTokenPool pool;
  private final String clientId;

  private RequestSource(String head, byte[] fixed, RefreshTokenPool pool, String clientId) {
    this.head = head;
    this.fixed = fixed;
    this.pool = pool;
    this.clientId = clientId;
  }

  /** {@code hostHeader} is "host:port"; {@code basePath} the base URL's path ("" for none). */
  static RequestSource fromEnv(Map<String, String> env, String hostHeader, String basePath) throws IOException {
    String mode = env.getOrDefault("BENCH_MODE", "get");
    String path = basePath + env.getOrDefault("BENCH_PATH", "/");
    return switch (mode) {
      case "get" -> {
        String bearer = env.getOrDefault("BENCH_BEARER", "");
        String h = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
            + (bearer.isEmpty() ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n";
        yield new RequestSource(h, ascii(h), null, null);
      }
      case "post" -> {
        String auth = env.getOrDefault("BENCH_AUTH", "");
        String h = postHead(path, hostHeader) + (auth.isEmpty() ? "" : "Authorization: " + auth + "\r\n");
        yield new RequestSource(h, withBody(h, env.getOrDefault("BENCH_BODY", "")), null, null);
      }
      case "refresh" -> {
        String poolFile = env.get("BENCH_POOL");
        if (poolFile == null || poolFile.isBlank()) {
          throw new IllegalArgumentException("BENCH_MODE=refresh needs BENCH_POOL");
        }
        yield new RequestSource(postHead(path, hostHeader), null, RefreshTokenPool.load(Path.of(poolFile)),
            env.getOrDefault("BENCH_CLIENT_ID", ""));
      }
      default -> throw new IllegalArgumentException("unknown BENCH_MODE " + mode);
    };
  }

  /** The next request's bytes; in refresh mode this takes a token from the pool. */
  byte[] next() {
    if (pool == null) {
      return fixed;
    }
    return withBody(head, "grant_type=refresh_token&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&refresh_token=" + URLEncoder.encode(pool.take(), StandardCharsets.UTF_8));
  }

  /** Whether responses must be read as text (to take their rotated refresh token). */
  boolean wantsBody() {
    return pool != null;
  }

  void onSuccess(String body) {
    if (pool != null) {
      pool.putBackFrom(body);
    }
  }

  /** The refresh-token pool, or null for the other modes. */
  RefreshTokenPool pool() {
    return pool;
  }

  private static String postHead(String path, String hostHeader) {
    return "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
  }

  private static byte[] withBody(String head, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] h = ascii(head + "Content-Length: " + b.length + "\r\n\r\n");
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    return all;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
