package dev.gatehouse.server.web;

import dev.gatehouse.server.ui.HtmlPage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sends a hosted page with its own Content-Security-Policy, never cached. */
public final class Pages {
  private Pages() {}

  public static void send(Response response, Callback callback, HtmlPage page) {
    response.getHeaders().put("Content-Security-Policy", page.contentSecurityPolicy());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
    HttpResponses.send(response, callback, page.status(), "text/html; charset=utf-8", page.html());
  }
}
