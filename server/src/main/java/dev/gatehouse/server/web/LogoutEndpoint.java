package dev.gatehouse.server.web;

import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.identity.SsoSessions.ActiveSession;
import dev.gatehouse.server.protocol.logout.RpInitiatedLogout;
import dev.gatehouse.server.protocol.logout.RpInitiatedLogout.LogoutRequest;
import dev.gatehouse.server.protocol.logout.RpInitiatedLogout.Outcome;
import dev.gatehouse.server.ui.LogoutPages;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET/POST /logout}: RP-Initiated Logout 1.0 §2 (query or form) and our confirmation form. */
public final class LogoutEndpoint {
  private final RpInitiatedLogout logout;
  private final SsoSessions sessions;
  private final Cookies cookies;

  public LogoutEndpoint(RpInitiatedLogout logout, SsoSessions sessions, Cookies cookies) {
    this.logout = logout;
    this.sessions = sessions;
    this.cookies = cookies;
  }

  public Route route() {
    return Route.getAndPost("/logout", AuthorizationEndpoints.browser(this::handle));
  }

  private void handle(Request request, Response response, Callback callback) {
    Map<String, String> params = RequestParameters.queryOrForm(request);
    LogoutRequest validated = logout.validate(params);
    Optional<ActiveSession> session = sessions.find(Cookies.read(request, Cookies.SESSION));
    Outcome outcome = HttpMethod.POST.is(request.getMethod()) && "yes".equals(params.get("confirm"))
        ? logout.confirm(validated, params.get("csrf"), session)
        : logout.request(validated, session);
    if (outcome.sessionEnded() || (session.isEmpty() && Cookies.read(request, Cookies.SESSION) != null)) {
      cookies.clear(response, Cookies.SESSION);
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    switch (outcome) {
      case Outcome.Redirect r -> {
        response.getHeaders().put(HttpHeader.LOCATION, r.location());
        HttpResponses.send(response, callback, 303, "text/plain; charset=utf-8", "");
      }
      case Outcome.SignedOut s -> Pages.send(response, callback, LogoutPages.signedOut());
      case Outcome.Confirm c -> Pages.send(response, callback,
          LogoutPages.confirm(c.csrf(), c.clientName(), c.carried(), c.postLogoutRedirectUri()));
    }
  }
}
