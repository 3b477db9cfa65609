package dev.gatehouse.server.ui;

import static dev.gatehouse.server.ui.Html.escape;
import static dev.gatehouse.server.ui.HtmlPage.hidden;

/**
 * The sign-in page: username and password, posted to {@code /login} with the pending request's id
 * and CSRF token. A failed attempt shows one generic message (never which of the two was wrong),
 * announced by screen readers ({@code role="alert"}) and tied to both fields with
 * {@code aria-describedby}. With a signed-in user and {@code prompt=select_account} it offers
 * "Continue as ..." or another account.
 */
public final class LoginPage {
  private LoginPage() {}

  /**
   * @param username prefill (login_hint or the last attempt), nullable
   * @param error nullable
   * @param continueAs the signed-in user's name for select_account, nullable
   * @param redirectUri the request's redirect URI (for form-action), nullable
   */
  public static HtmlPage render(String pendingId, String csrf, String clientName, String username,
      String error, String continueAs, String redirectUri) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Sign in</h1>\n<p>to continue to <strong>").append(escape(clientName)).append("</strong></p>\n");
    String refs = hidden("request", pendingId) + hidden("csrf", csrf);
    if (continueAs != null) {
      b.append("<form method=\"post\" action=\"/login\">").append(refs)
          .append("<button type=\"submit\" name=\"action\" value=\"continue\">Continue as ")
          .append(escape(continueAs)).append("</button></form>\n<h2>Use another account</h2>\n");
    }
    String describedBy = "";
    if (error != null) {
      b.append("<p id=\"login-error\" class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
      describedBy = " aria-describedby=\"login-error\" aria-invalid=\"true\"";
    }
    boolean prefilled = username != null && !username.isEmpty();
    b.append("<form method=\"post\" action=\"/login\">").append(refs)
        .append("<input type=\"hidden\" name=\"action\" value=\"login\">\n")
        .append("<label for=\"username\">Username</label>\n")
        .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\"")
        .append(" autocapitalize=\"none\" spellcheck=\"false\" required maxlength=\"256\"")
        .append(prefilled ? " value=\"" + escape(username) + "\"" : " autofocus").append(describedBy).append(">\n")
        .append("<label for=\"password\">Password</label>\n")
        .append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\"")
        .append(" required maxlength=\"1024\"").append(prefilled ? " autofocus" : "").append(describedBy).append(">\n")
        .append("<button type=\"submit\">Sign in</button>\n</form>");
    return new HtmlPage(200, HtmlPage.layout("Sign in", b.toString()),
        HtmlPage.policy(FormActions.selfAnd(redirectUri), null));
  }
}
