package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.protocol.authorize.PendingAuthorizations.PageRef;
import java.util.List;

/** What the authorization endpoint does next: answer the client, or show the user a page. */
public sealed interface Outcome {
  /** Send the authorization response to the client. */
  record Respond(AuthorizationResponse response) implements Outcome {}

  /**
   * Show the login page. {@code error} (nullable) is the message after a failed attempt;
   * {@code username} (nullable) prefills the field ({@code login_hint} or the last attempt);
   * {@code signedIn} (nullable) is the current session for "continue as" (prompt=select_account).
   */
  record ShowLogin(PageRef ref, String redirectUri, String clientName, String username, String error,
      SsoSessions.ActiveSession signedIn) implements Outcome {}

  /** Show the consent page for {@code scopes}. */
  record ShowConsent(PageRef ref, String redirectUri, String clientName, List<String> scopes, String userName)
      implements Outcome {
    public ShowConsent {
      scopes = List.copyOf(scopes);
    }
  }
}
