package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.RedirectTarget;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.ui.FormPostPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Delivers authorization response parameters (success or error) by response mode: a 303 redirect
 * with them in the query (RFC 6749 §4.1.2, keeping the redirect URI's own query, §3.1.2) or the
 * fragment, or an auto-submitting form (Form Post Response Mode §2).
 */
public final class AuthorizationResponses {
  private AuthorizationResponses() {}

  public static void send(Response response, Callback callback, RedirectTarget target, Map<String, String> parameters) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    switch (target.responseMode()) {
      case FORM_POST -> Pages.send(response, callback,
          FormPostPage.render(target.redirectUri(), parameters, SecretHasher.generateSecret()));
      case QUERY -> redirect(response, callback, target.redirectUri()
          + (target.redirectUri().contains("?") ? "&" : "?") + encode(parameters));
      case FRAGMENT -> redirect(response, callback, target.redirectUri() + "#" + encode(parameters));
    }
  }

  private static void redirect(Response response, Callback callback, String location) {
    response.getHeaders().put(HttpHeader.LOCATION, location);
    HttpResponses.send(response, callback, 303, "text/plain; charset=utf-8", "");
  }

  static String encode(Map<String, String> parameters) {
    StringBuilder b = new StringBuilder();
    parameters.forEach((name, value) -> {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    });
    return b.toString();
  }
}
