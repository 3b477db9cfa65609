package dev.gatehouse.server.protocol.logout;

import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.identity.SsoSessions.ActiveSession;
import dev.gatehouse.server.protocol.IdTokenHints;
import dev.gatehouse.server.protocol.IdTokenHints.IdTokenHint;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.tokens.SecretHasher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0 at the {@code end_session_endpoint}: ends the SSO
 * session, then returns to a registered {@code post_logout_redirect_uri} with {@code state}, or
 * shows a signed-out page. Without a valid {@code id_token_hint} naming the signed-in user the OP
 * asks the user first (§2: "the OP SHOULD ask the End-User whether to log out"), with a CSRF
 * token tied to the session.
 */
public final class RpInitiatedLogout {
  private final IdTokenHints hints;
  private final RegisteredClientRepository clients;
  private final SsoSessions sessions;
  private final SecretHasher hasher;

  /** A validated logout request. {@code postLogoutRedirectUri} is null unless registered for the client. */
  public record LogoutRequest(IdTokenHint hint, RegisteredClient client, String postLogoutRedirectUri, String state) {}

  /** What to do next. {@code sessionEnded}: clear the cookie. */
  public sealed interface Outcome {
    boolean sessionEnded();

    record Redirect(String location, boolean sessionEnded) implements Outcome {}

    record SignedOut(boolean sessionEnded) implements Outcome {}

    /** Ask first; the form posts {@code carried} back with {@code csrf}. */
    record Confirm(String csrf, String clientName, Map<String, String> carried, String postLogoutRedirectUri)
        implements Outcome {
      @Override
      public boolean sessionEnded() {
        return false;
      }
    }
  }

  public RpInitiatedLogout(IdTokenHints hints, RegisteredClientRepository clients, SsoSessions sessions,
      SecretHasher hasher) {
    this.hints = hints;
    this.clients = clients;
    this.sessions = sessions;
    this.hasher = hasher;
  }

  public LogoutRequest validate(Map<String, String> p) {
    IdTokenHint hint = null;
    if (p.get("id_token_hint") != null) {
      // §2: the OP "MUST" validate that it was the issuer of the ID Token; expired is fine.
      hint = hints.verify(p.get("id_token_hint")).orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST,
          "The id_token_hint is not an ID token issued by this server."));
    }
    String clientId = p.get("client_id");
    if (hint != null) {
      Optional<String> hinted = hint.clientId();
      // §2: "If both client_id and id_token_hint are present, the OP MUST verify that the Client
      // Identifier matches the one used when issuing the ID Token."
      if (clientId != null && !hint.audience().contains(clientId)) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id does not match the id_token_hint.");
      }
      if (clientId == null) {
        clientId = hinted.orElse(null);
      }
    }
    RegisteredClient client = null;
    if (clientId != null) {
      client = clients.findById(clientId).orElseThrow(() ->
          new OAuthException(OAuthError.INVALID_REQUEST, "The client_id does not name a registered client."));
    }
    String redirect = p.get("post_logout_redirect_uri");
    // §3: "The OP MUST NOT perform post-logout redirection if the post_logout_redirect_uri value
    // supplied does not exactly match one of the previously registered post_logout_redirect_uris".
    if (redirect != null && (client == null || !client.postLogoutRedirectUris().contains(redirect))) {
      redirect = null;
    }
    return new LogoutRequest(hint, client, redirect, p.get("state"));
  }

  /** The logout request arrives (GET or POST from the RP). */
  public Outcome request(LogoutRequest request, Optional<ActiveSession> session) {
    if (session.isEmpty()) {
      return done(request, false);
    }
    ActiveSession s = session.get();
    if (request.hint() != null && request.hint().subject().equals(s.user().id().toString())) {
      return done(request, sessions.end(s, "logout"));
    }
    Map<String, String> carried = new LinkedHashMap<>();
    if (request.client() != null) {
      carried.put("client_id", request.client().clientId());
    }
    if (request.postLogoutRedirectUri() != null) {
      carried.put("post_logout_redirect_uri", request.postLogoutRedirectUri());
    }
    if (request.state() != null) {
      carried.put("state", request.state());
    }
    String clientName = request.client() == null ? null : request.client().clientName();
    return new Outcome.Confirm(csrf(s), clientName, carried, request.postLogoutRedirectUri());
  }

  /** The user confirmed on our page. */
  public Outcome confirm(LogoutRequest request, String csrf, Optional<ActiveSession> session) {
    if (session.isEmpty()) {
      return done(request, false);
    }
    if (csrf == null || !hasher.matches("logout:" + session.get().idHash(), csrf)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The sign-out form could not be verified. Try again.");
    }
    return done(request, sessions.end(session.get(), "logout"));
  }

  private String csrf(ActiveSession session) {
    return hasher.hash("logout:" + session.idHash());
  }

  private static Outcome done(LogoutRequest request, boolean ended) {
    if (request.postLogoutRedirectUri() == null) {
      return new Outcome.SignedOut(ended);
    }
    String location = request.postLogoutRedirectUri();
    if (request.state() != null) {
      // §3: state is passed back to the RP "as a query parameter" when it was in the request.
      location += (location.contains("?") ? "&" : "?") + "state="
          + URLEncoder.encode(request.state(), StandardCharsets.UTF_8);
    }
    return new Outcome.Redirect(location, ended);
  }
}
