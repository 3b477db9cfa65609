package dev.gatehouse.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser at the HTTP level: keeps cookies, never follows redirects, and reads the hidden
 * fields of our pages. For tests of the authorization endpoint and its pages.
 */
public final class UserAgent {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
  private final TestNode node;
  public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public UserAgent(TestNode node) {
    this.node = node;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(node.uri(pathAndQuery)).GET().build());
  }

  public HttpResponse<String> authorize(Map<String, String> params) {
    return get("/authorize?" + form(params));
  }

  public HttpResponse<String> post(String path, Map<String, String> params) {
    return send(HttpRequest.newBuilder(node.uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
  }

  /** Posts the login form of {@code page} with these credentials. */
  public HttpResponse<String> login(HttpResponse<String> page, String username, String password) {
    Map<String, String> fields = hiddenFields(page.body());
    fields.put("action", "login");
    fields.put("username", username);
    fields.put("password", password);
    return post("/login", fields);
  }

  /** Posts the consent form of {@code page}: allow or deny. */
  public HttpResponse<String> consent(HttpResponse<String> page, boolean allow) {
    Map<String, String> fields = hiddenFields(page.body());
    fields.put("decision", allow ? "allow" : "deny");
    return post("/consent", fields);
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The first form's hidden fields (request id and CSRF token). */
  public static Map<String, String> hiddenFields(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(html);
    while (m.find()) {
      fields.putIfAbsent(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    return fields;
  }

  public static String form(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return b.toString();
  }

  /** The parameters of a redirect's query (or, with {@code fragment}, its fragment). */
  public static Map<String, String> responseParameters(String location, boolean fragment) {
    URI uri = URI.create(location);
    String raw = fragment ? uri.getRawFragment() : uri.getRawQuery();
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  public static Map<String, String> redirectParameters(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElseThrow(
        () -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    return responseParameters(location, false);
  }
}
