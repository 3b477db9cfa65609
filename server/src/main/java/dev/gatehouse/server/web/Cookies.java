package dev.gatehouse.server.web;

import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The cookies of the hosted pages: {@code gh_session} (the SSO session) and {@code gh_browser}
 * (binds a pending authorization to the browser that started it, against login CSRF). Both are
 * {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/}, and {@code Secure} when the issuer is
 * https.
 */
public final class Cookies {
  public static final String SESSION = "gh_session";
  public static final String BROWSER = "gh_browser";
  private final boolean secure;

  public Cookies(boolean secure) {
    this.secure = secure;
  }

  public static String read(Request request, String name) {
    List<HttpCookie> cookies = Request.getCookies(request);
    for (HttpCookie cookie : cookies) {
      if (cookie.getName().equals(name)) {
        return cookie.getValue();
      }
    }
    return null;
  }

  /** Sets a cookie; {@code maxAge} null means a browser-session cookie. */
  public void set(Response response, String name, String value, Duration maxAge) {
    response.getHeaders().add(HttpHeader.SET_COOKIE, name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "") + (maxAge == null ? "" : "; Max-Age=" + maxAge.getSeconds()));
  }

  public void clear(Response response, String name) {
    response.getHeaders().add(HttpHeader.SET_COOKIE, name + "=; Path=/; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "") + "; Max-Age=0");
  }
}
