package dev.gatehouse.bench.load;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser-less authorization-code logins with PKCE, as many as the workers can do in a given
 * time: authorize → login form post → code → token, a fresh cookie jar per login (so every
 * iteration really checks the password). One HTTP/1.1 keep-alive client per worker.
 *
 * <p>{@code LoginDriver <gatehouse|keycloak> <baseUrl> <clientId> <redirectUri> <user> <password>
 * <workers> <warmupSeconds> <seconds>}; prints one JSON line: logins, errors, seconds,
 * logins_per_s, p50_ms, p99_ms (latency of the whole four-request login).
 */
public final class LoginDriver {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
  private static final Pattern KC_ACTION = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final Pattern KC_ACTION2 = Pattern.compile("<form[^>]*action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** With LOGIN_DUMP=file, each login's access and refresh token, one pair a line. */
  private static final java.io.PrintWriter DUMP = openDump();

  private static java.io.PrintWriter openDump() {
    String f = System.getenv("LOGIN_DUMP");
    try {
      return f == null || f.isBlank() ? null : new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(f)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private final boolean keycloak;
  private final String base;
  private final String clientId;
  private final String redirectUri;
  private final String user;
  private final String password;

  private LoginDriver(String[] a) {
    keycloak = a[0].equals("keycloak");
    base = a[1];
    clientId = a[2];
    redirectUri = a[3];
    user = a[4];
    password = a[5];
  }

  public static void main(String[] args) throws Exception {
    LoginDriver d = new LoginDriver(args);
    int workers = Integer.parseInt(args[6]);
    double warmup = Double.parseDouble(args[7]);
    double seconds = Double.parseDouble(args[8]);
    // one login first, to fail fast with the reason
    HttpClient probe = client();
    d.login(probe, true);
    if (warmup > 0) {
      d.run(workers, warmup);
    }
    Result r = d.run(workers, seconds);
    List<Long> l = r.latencies;
    Collections.sort(l);
    double p50 = l.isEmpty() ? 0 : l.get((int) Math.min(l.size() - 1, Math.round(0.50 * (l.size() - 1)))) / 1e6;
    double p99 = l.isEmpty() ? 0 : l.get((int) Math.min(l.size() - 1, Math.round(0.99 * (l.size() - 1)))) / 1e6;
    System.out.printf(java.util.Locale.ROOT,
        "{\"logins\":%d,\"errors\":%d,\"seconds\":%.3f,\"logins_per_s\":%.2f,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"workers\":%d}%n",
        l.size(), r.errors.get(), r.seconds, l.size() / r.seconds, p50, p99, workers);
  }

  private record Result(List<Long> latencies, AtomicLong errors, double seconds) {}

  private Result run(int workers, double seconds) throws InterruptedException {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    // LOGIN_COUNT=n: stop after n successful logins (or at the deadline)
    String countEnv = System.getenv("LOGIN_COUNT");
    AtomicLong remaining = new AtomicLong(countEnv == null || countEnv.isBlank() ? Long.MAX_VALUE : Long.parseLong(countEnv));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(() -> {
        HttpClient c = client();
        while (System.nanoTime() < end && remaining.get() > 0) {
          long t0 = System.nanoTime();
          try {
            login(c, false);
            latencies.add(System.nanoTime() - t0);
            remaining.decrementAndGet();
          } catch (Exception e) {
            if (errors.incrementAndGet() <= 3) {
              System.err.println("login failed: " + e);
            }
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Result(latencies, errors, (System.nanoTime() - start) / 1e9);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Cookies by name for one login (all on 127.0.0.1; paths ignored). */
  private static final class Jar {
    final Map<String, String> cookies = new LinkedHashMap<>();

    void take(HttpResponse<?> r) {
      for (String h : r.headers().allValues("Set-Cookie")) {
        String nv = h.split(";", 2)[0];
        int eq = nv.indexOf('=');
        if (eq > 0) {
          String v = nv.substring(eq + 1);
          if (v.isEmpty() || h.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
            cookies.remove(nv.substring(0, eq));
          } else {
            cookies.put(nv.substring(0, eq), v);
          }
        }
      }
    }

    HttpRequest.Builder apply(HttpRequest.Builder b) {
      if (!cookies.isEmpty()) {
        StringBuilder s = new StringBuilder();
        cookies.forEach((k, v) -> s.append(s.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        b.header("Cookie", s.toString());
      }
      return b;
    }
  }

  private void login(HttpClient c, boolean verbose) throws Exception {
    Jar jar = new Jar();
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    q.put("scope", "openid");
    q.put("state", Long.toHexString(RANDOM.nextLong()));
    q.put("nonce", Long.toHexString(RANDOM.nextLong()));
    q.put("code_challenge", challenge);
    q.put("code_challenge_method", "S256");
    String authorize = keycloak ? "/protocol/openid-connect/auth" : "/authorize";
    String tokenPath = keycloak ? "/protocol/openid-connect/token" : "/token";
    HttpResponse<String> page = send(c, jar, HttpRequest.newBuilder(URI.create(base + authorize + "?" + form(q))).GET());
    // follow same-site redirects until a page
    for (int i = 0; i < 5 && page.statusCode() / 100 == 3; i++) {
      page = send(c, jar, HttpRequest.newBuilder(URI.create(base).resolve(location(page))).GET());
    }
    if (page.statusCode() != 200) {
      throw new IllegalStateException("authorize: " + page.statusCode() + " " + head(page.body()));
    }
    HttpResponse<String> posted;
    if (keycloak) {
      Matcher m = KC_ACTION.matcher(page.body());
      if (!m.find()) {
        m = KC_ACTION2.matcher(page.body());
        if (!m.find()) {
          throw new IllegalStateException("no Keycloak login form: " + head(page.body()));
        }
      }
      String action = unescape(m.group(1));
      Map<String, String> f = new LinkedHashMap<>();
      f.put("username", user);
      f.put("password", password);
      f.put("credentialId", "");
      posted = send(c, jar, post(URI.create(base).resolve(action), f));
    } else {
      Map<String, String> f = new LinkedHashMap<>();
      Matcher m = HIDDEN.matcher(page.body());
      while (m.find()) {
        f.putIfAbsent(m.group(1), unescape(m.group(2)));
      }
      f.put("action", "login");
      f.put("username", user);
      f.put("password", password);
      posted = send(c, jar, post(URI.create(base).resolve("/login"), f));
    }
    String loc = location(posted);
    for (int i = 0; i < 5 && !loc.startsWith(redirectUri); i++) {
      HttpResponse<String> next = send(c, jar, HttpRequest.newBuilder(URI.create(base).resolve(loc)).GET());
      loc = location(next);
    }
    String code = params(URI.create(loc).getRawQuery()).get("code");
    if (code == null) {
      throw new IllegalStateException("no code in " + loc);
    }
    Map<String, String> t = new LinkedHashMap<>();
    t.put("grant_type", "authorization_code");
    t.put("client_id", clientId);
    t.put("code", code);
    t.put("redirect_uri", redirectUri);
    t.put("code_verifier", verifier);
    HttpResponse<String> tokens = send(c, new Jar(), post(URI.create(base + tokenPath), t));
    if (tokens.statusCode() != 200 || !tokens.body().contains("access_token")) {
      throw new IllegalStateException("token: " + tokens.statusCode() + " " + head(tokens.body()));
    }
    if (verbose) {
      System.err.println("login ok: " + head(tokens.body()));
    }
    if (DUMP != null) {
      Matcher a = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
      Matcher rt = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
      if (a.find() && rt.find()) {
        synchronized (DUMP) {
          DUMP.println(a.group(1) + " " + rt.group(1));
          DUMP.flush();
        }
      }
    }
  }

  private static String head(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElseThrow(
        () -> new IllegalStateException("no redirect: " + r.statusCode() + " " + head(r.body())));
  }

  private static HttpResponse<String> send(HttpClient c, Jar jar, HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = c.send(jar.apply(b).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    jar.take(r);
    return r;
  }

  private static HttpRequest.Builder post(URI uri, Map<String, String> f) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(f)));
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x3D;", "=").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String form(Map<String, String> p) {
    StringBuilder b = new StringBuilder();
    p.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
