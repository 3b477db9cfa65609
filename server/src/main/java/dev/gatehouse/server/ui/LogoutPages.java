package dev.gatehouse.server.ui;

import static dev.gatehouse.server.ui.Html.escape;
import static dev.gatehouse.server.ui.HtmlPage.hidden;

import java.util.Map;

/** RP-Initiated Logout 1.0 §2 and §3: the "sign out?" confirmation and the signed-out page. */
public final class LogoutPages {
  private LogoutPages() {}

  /** Asks before ending the session; the form carries a CSRF token and the validated request. */
  public static HtmlPage confirm(String csrf, String clientName, Map<String, String> carried,
      String postLogoutRedirectUri) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Sign out?</h1>\n<p>");
    if (clientName != null) {
      b.append(escape(clientName)).append(" asked to sign you out of Gatehouse.");
    } else {
      b.append("Do you want to sign out of Gatehouse?");
    }
    b.append("</p>\n<form method=\"post\" action=\"/logout\">").append(hidden("csrf", csrf));
    carried.forEach((name, value) -> b.append(hidden(name, value)));
    b.append("<button type=\"submit\" name=\"confirm\" value=\"yes\">Sign out</button></form>");
    return new HtmlPage(200, HtmlPage.layout("Sign out", b.toString()),
        HtmlPage.policy(FormActions.selfAnd(postLogoutRedirectUri), null));
  }

  public static HtmlPage signedOut() {
    return new HtmlPage(200, HtmlPage.layout("Signed out",
        "<h1>You are signed out</h1>\n<p>You can close this window.</p>"), HtmlPage.policy("'none'", null));
  }
}
