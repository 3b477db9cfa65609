package dev.gatehouse.server.web;

import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.identity.SsoSessions.ActiveSession;
import dev.gatehouse.server.protocol.authorize.AuthorizationFlow;
import dev.gatehouse.server.protocol.authorize.AuthorizationParameters;
import dev.gatehouse.server.protocol.authorize.AuthorizationRequest;
import dev.gatehouse.server.protocol.authorize.AuthorizationRequestValidator;
import dev.gatehouse.server.protocol.authorize.Outcome;
import dev.gatehouse.server.protocol.authorize.PendingAuthorizations.PageRef;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.ui.ConsentPage;
import dev.gatehouse.server.ui.LoginPage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of the authorization endpoint (RFC 6749 §3.1, GET and POST) and of the pages it
 * leads to: {@code POST /login} and {@code POST /consent}. Parsing and cookies happen here; every
 * decision is {@link AuthorizationRequestValidator}'s and {@link AuthorizationFlow}'s; every
 * error goes through {@link ErrorRenderer#renderForBrowser}.
 */
public final class AuthorizationEndpoints {
  private final AuthorizationRequestValidator validator;
  private final AuthorizationFlow flow;
  private final SsoSessions sessions;
  private final Cookies cookies;
  private final Duration sessionLifetime;

  public AuthorizationEndpoints(AuthorizationRequestValidator validator, AuthorizationFlow flow,
      SsoSessions sessions, Cookies cookies, Duration sessionLifetime) {
    this.validator = validator;
    this.flow = flow;
    this.sessions = sessions;
    this.cookies = cookies;
    this.sessionLifetime = sessionLifetime;
  }

  public List<Route> routes() {
    return List.of(
        Route.getAndPost("/authorize", browser(this::authorize)),
        Route.post("/login", browser(this::login)),
        Route.post("/consent", browser(this::consent)));
  }

  /** Every failure of these endpoints is rendered for a browser: redirect or error page. */
  static Endpoint browser(Endpoint endpoint) {
    return (request, response, callback) -> {
      try {
        endpoint.handle(request, response, callback);
      } catch (Exception e) {
        ErrorRenderer.renderForBrowser(response, callback, e);
      }
    };
  }

  private void authorize(Request request, Response response, Callback callback) {
    RequestParameters.Parsed parsed = RequestParameters.queryOrForm(request, Set.of("resource"));
    AuthorizationRequest authorization = validator.validate(
        new AuthorizationParameters(parsed.values(), parsed.list("resource")));
    Optional<ActiveSession> session = sessions.find(Cookies.read(request, Cookies.SESSION));
    String binding = browserBinding(request, response);
    render(response, callback, flow.start(authorization, session, binding));
  }

  private void login(Request request, Response response, Callback callback) {
    Map<String, String> form = RequestParameters.form(request);
    PageRef ref = pageRef(request, form);
    Optional<ActiveSession> current = sessions.find(Cookies.read(request, Cookies.SESSION));
    AuthorizationFlow.Step step;
    if ("continue".equals(form.get("action"))) {
      step = flow.continueAs(ref, current);
    } else {
      String password = form.getOrDefault("password", "");
      step = flow.login(ref, form.get("username"), password.toCharArray(), current);
    }
    render(response, callback, step);
  }

  private void consent(Request request, Response response, Callback callback) {
    Map<String, String> form = RequestParameters.form(request);
    PageRef ref = pageRef(request, form);
    Optional<ActiveSession> current = sessions.find(Cookies.read(request, Cookies.SESSION));
    render(response, callback, flow.consent(ref, "allow".equals(form.get("decision")), current));
  }

  private static PageRef pageRef(Request request, Map<String, String> form) {
    return new PageRef(form.get("request"), form.get("csrf"), Cookies.read(request, Cookies.BROWSER));
  }

  /** The browser-binding cookie, set on first sight (it lives as long as the browser session). */
  private String browserBinding(Request request, Response response) {
    String value = Cookies.read(request, Cookies.BROWSER);
    if (value == null || value.length() != 43) {
      value = SecretHasher.generateSecret();
      cookies.set(response, Cookies.BROWSER, value, null);
    }
    return value;
  }

  private void render(Response response, Callback callback, AuthorizationFlow.Step step) {
    if (step.started() != null) {
      cookies.set(response, Cookies.SESSION, step.started().cookieValue(), sessionLifetime);
    }
    switch (step.outcome()) {
      case Outcome.Respond r -> AuthorizationResponses.send(response, callback, r.response().target(),
          r.response().parameters());
      case Outcome.ShowLogin l -> Pages.send(response, callback, LoginPage.render(l.ref().pendingId(),
          l.ref().csrfToken(), l.clientName(), l.username(), l.error(),
          l.signedIn() == null ? null : l.signedIn().user().username(), l.redirectUri()));
      case Outcome.ShowConsent c -> Pages.send(response, callback, ConsentPage.render(c.ref().pendingId(),
          c.ref().csrfToken(), c.clientName(), c.scopes(), c.userName(), c.redirectUri()));
    }
  }
}
