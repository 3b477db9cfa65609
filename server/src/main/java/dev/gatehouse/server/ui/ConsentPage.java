package dev.gatehouse.server.ui;

import static dev.gatehouse.server.ui.Html.escape;
import static dev.gatehouse.server.ui.HtmlPage.hidden;

import java.util.List;
import java.util.Map;

/** The consent page: the requested scopes in plain words, Allow or Deny, posted to {@code /consent}. */
public final class ConsentPage {
  static final Map<String, String> DESCRIPTIONS = Map.of(
      "openid", "Confirm who you are (your account identifier)",
      "profile", "See your name and basic profile",
      "email", "See your email address",
      "address", "See your postal address",
      "phone", "See your phone number",
      "offline_access", "Stay connected when you are not using it");

  private ConsentPage() {}

  public static HtmlPage render(String pendingId, String csrf, String clientName, List<String> scopes,
      String userName, String redirectUri) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Allow ").append(escape(clientName)).append(" to use your account?</h1>\n")
        .append("<p class=\"muted\">Signed in as ").append(escape(userName)).append("</p>\n")
        .append("<p id=\"scopes-intro\">").append(escape(clientName)).append(" is asking to:</p>\n")
        .append("<ul aria-labelledby=\"scopes-intro\">\n");
    for (String scope : scopes) {
      String text = DESCRIPTIONS.getOrDefault(scope, "Use the \u201c" + scope + "\u201d permission");
      b.append("<li>").append(escape(text)).append("</li>\n");
    }
    b.append("</ul>\n<form method=\"post\" action=\"/consent\">").append(hidden("request", pendingId))
        .append(hidden("csrf", csrf))
        .append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>")
        .append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>")
        .append("</form>");
    return new HtmlPage(200, HtmlPage.layout("Allow access", b.toString()),
        HtmlPage.policy(FormActions.selfAnd(redirectUri), null));
  }
}
