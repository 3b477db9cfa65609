package dev.gatehouse.server.ui;

import static dev.gatehouse.server.ui.Html.escape;

/**
 * Shown instead of redirecting when the client or its redirect URI cannot be trusted
 * (RFC 6749 §4.1.2.1), or when a page's request expired: what went wrong, no links back.
 */
public final class ErrorPage {
  private ErrorPage() {}

  public static HtmlPage render(int status, String code, String description) {
    String body = "<h1>We could not complete this request</h1>\n<p role=\"alert\">" + escape(description)
        + "</p>\n<p class=\"muted\">Error: <code>" + escape(code) + "</code></p>";
    return new HtmlPage(status, HtmlPage.layout("Error", body), HtmlPage.policy("'none'", null));
  }
}
