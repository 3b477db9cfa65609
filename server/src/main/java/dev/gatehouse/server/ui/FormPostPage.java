package dev.gatehouse.server.ui;

import static dev.gatehouse.server.ui.Html.escape;
import static dev.gatehouse.server.ui.HtmlPage.hidden;

import java.util.Map;

/**
 * OAuth 2.0 Form Post Response Mode §2: an HTML form that auto-submits the response parameters
 * to the redirect URI with POST. The script is allowed by a per-response nonce; without scripts a
 * Continue button does the same.
 */
public final class FormPostPage {
  private FormPostPage() {}

  public static HtmlPage render(String redirectUri, Map<String, String> parameters, String nonce) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Returning to the application\u2026</h1>\n")
        .append("<form id=\"response\" method=\"post\" action=\"").append(escape(redirectUri)).append("\">");
    parameters.forEach((name, value) -> b.append(hidden(name, value)));
    b.append("<noscript><p>JavaScript is off: press Continue to return to the application.</p>")
        .append("<button type=\"submit\">Continue</button></noscript></form>\n")
        .append("<script nonce=\"").append(escape(nonce))
        .append("\">document.getElementById(\"response\").submit();</script>");
    return new HtmlPage(200, HtmlPage.layout("Returning to the application", b.toString()),
        HtmlPage.policy(FormActions.originOf(redirectUri), nonce));
  }
}
