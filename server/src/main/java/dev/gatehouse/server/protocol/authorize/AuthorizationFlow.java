package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.identity.SsoSessions;
import dev.gatehouse.server.identity.SsoSessions.ActiveSession;
import dev.gatehouse.server.identity.UserAccounts;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.authorize.PendingAuthorizations.Loaded;
import dev.gatehouse.server.protocol.authorize.PendingAuthorizations.PageRef;
import dev.gatehouse.server.store.ConsentRepository;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;

/**
 * What happens to a valid authorization request: sign the user in (or reuse the SSO session),
 * ask for consent when needed, then issue the code. OIDC Core §3.1.2.3 (authenticate the
 * end-user), §3.1.2.4 (obtain consent) and the {@code prompt}/{@code max_age}/{@code
 * id_token_hint} rules of §3.1.2.1.
 */
public final class AuthorizationFlow {
  static final String WRONG_CREDENTIALS = "Wrong username or password.";

  private final RegisteredClientRepository clients;
  private final UserRepository users;
  private final UserAccounts accounts;
  private final SsoSessions sessions;
  private final ConsentRepository consents;
  private final PendingAuthorizations pending;
  private final CodeIssuer codes;
  private final Clock clock;

  /** The next outcome, plus a session started on the way (its cookie must be set), or null. */
  public record Step(Outcome outcome, SsoSessions.Started started) {}

  public AuthorizationFlow(RegisteredClientRepository clients, UserRepository users, UserAccounts accounts,
      SsoSessions sessions, ConsentRepository consents, PendingAuthorizations pending, CodeIssuer codes,
      Clock clock) {
    this.clients = clients;
    this.users = users;
    this.accounts = accounts;
    this.sessions = sessions;
    this.consents = consents;
    this.pending = pending;
    this.codes = codes;
    this.clock = clock;
  }

  /** A validated request arrives at {@code /authorize} from a browser with this session (if any). */
  public Step start(AuthorizationRequest request, Optional<ActiveSession> session, String browserBinding) {
    RegisteredClient client = client(request);
    Optional<ActiveSession> usable = session.filter(s -> !mustReauthenticate(request, s));
    if (request.prompts("none")) {
      // OIDC Core §3.1.2.6: prompt=none and the user would have to sign in → login_required;
      // would have to consent → consent_required. Never a page.
      ActiveSession s = usable.orElseThrow(() -> new OAuthException(OAuthError.LOGIN_REQUIRED,
          "The user is not signed in (or must sign in again) and prompt=none forbids asking.")
          .redirectTo(request.target()));
      if (needsConsent(request, client, s.user())) {
        throw new OAuthException(OAuthError.CONSENT_REQUIRED,
            "The user has not consented to these scopes and prompt=none forbids asking.").redirectTo(request.target());
      }
      return new Step(new Outcome.Respond(codes.issue(request, s)), null);
    }
    if (usable.isEmpty() || request.prompts("login") || request.prompts("select_account")) {
      Loaded p = pending.create(request, browserBinding, null);
      // prompt=select_account: offer "continue as" the signed-in user, unless re-authentication is due.
      ActiveSession continueAs = request.prompts("select_account") && !request.prompts("login")
          ? usable.orElse(null) : null;
      return new Step(new Outcome.ShowLogin(p.ref(), request.redirectUri(), name(client), request.loginHint(), null, continueAs), null);
    }
    return afterAuthentication(null, request, client, usable.get(), browserBinding, null);
  }

  /** The login form was posted. */
  public Step login(PageRef ref, String username, char[] password, Optional<ActiveSession> current) {
    Loaded p = pending.load(ref);
    RegisteredClient client = client(p.request());
    String typed = username == null ? "" : username.strip();
    Optional<User> user = typed.isEmpty() || password.length == 0
        ? Optional.empty() : accounts.authenticate(typed, password);
    if (user.isEmpty()) {
      sessions.loginFailed(typed.isEmpty() ? null
          : users.findByUsername(typed).map(u -> u.id().toString()).orElse(null), client.clientId());
      return new Step(new Outcome.ShowLogin(ref, p.request().redirectUri(), name(client), typed, WRONG_CREDENTIALS, null), null);
    }
    SsoSessions.Started started = sessions.startWithPassword(user.get(), client.clientId(), current);
    pending.setUser(p, user.get().id());
    return afterAuthentication(p, p.request(), client, started.session(), ref.browserBinding(), started);
  }

  /** "Continue as" on the select_account page: reuse the current session. */
  public Step continueAs(PageRef ref, Optional<ActiveSession> current) {
    Loaded p = pending.load(ref);
    RegisteredClient client = client(p.request());
    Optional<ActiveSession> usable = current.filter(s -> !mustReauthenticate(p.request(), s)
        && !p.request().prompts("login"));
    if (usable.isEmpty()) {
      return new Step(new Outcome.ShowLogin(ref, p.request().redirectUri(), name(client), p.request().loginHint(),
          "Your session has ended. Sign in to continue.", null), null);
    }
    pending.setUser(p, usable.get().user().id());
    return afterAuthentication(p, p.request(), client, usable.get(), ref.browserBinding(), null);
  }

  /** The consent form was posted: {@code allow} or deny. */
  public Step consent(PageRef ref, boolean allow, Optional<ActiveSession> current) {
    Loaded p = pending.load(ref);
    AuthorizationRequest request = p.request();
    RegisteredClient client = client(request);
    ActiveSession session = current.filter(s -> p.userId() != null && s.user().id().equals(p.userId()))
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST,
            "You are no longer signed in as the user who was asked. Go back to the application and start again."));
    if (!pending.consume(p)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, PendingAuthorizations.EXPIRED);
    }
    if (!allow) {
      // RFC 6749 §4.1.2.1 access_denied: "The resource owner ... denied the request."
      throw new OAuthException(OAuthError.ACCESS_DENIED, "The user denied the request.").redirectTo(request.target());
    }
    consents.grant(session.user().id(), client.clientId(), new HashSet<>(request.scopes()));
    return new Step(new Outcome.Respond(codes.issue(request, session)), null);
  }

  private Step afterAuthentication(Loaded p, AuthorizationRequest request, RegisteredClient client,
      ActiveSession session, String browserBinding, SsoSessions.Started started) {
    if (needsConsent(request, client, session.user())) {
      Loaded forConsent = p != null ? p : pending.create(request, browserBinding, session.user().id());
      return new Step(new Outcome.ShowConsent(forConsent.ref(), request.redirectUri(), name(client), request.scopes(),
          displayName(session.user())), started);
    }
    if (p != null && !pending.consume(p)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, PendingAuthorizations.EXPIRED);
    }
    return new Step(new Outcome.Respond(codes.issue(request, session)), started);
  }

  /**
   * OIDC Core §3.1.2.1 max_age: "If the elapsed time is greater than this value, the OP MUST
   * attempt to actively re-authenticate the End-User"; id_token_hint: a session of another user
   * does not count ("If the End-User identified by the ID Token is not logged in ... login_required").
   */
  static boolean mustReauthenticate(AuthorizationRequest request, ActiveSession session, Clock clock) {
    if (request.maxAge() != null && (request.maxAge() == 0
        || Duration.between(session.authenticatedAt(), clock.instant()).compareTo(Duration.ofSeconds(request.maxAge())) > 0)) {
      return true;
    }
    return request.idTokenHintSubject() != null
        && !request.idTokenHintSubject().equals(session.user().id().toString());
  }

  private boolean mustReauthenticate(AuthorizationRequest request, ActiveSession session) {
    return mustReauthenticate(request, session, clock);
  }

  /** OIDC Core §3.1.2.4; skipped for first-party clients and scopes already granted, unless prompt=consent. */
  private boolean needsConsent(AuthorizationRequest request, RegisteredClient client, User user) {
    if (request.prompts("consent")) {
      return true;
    }
    if (client.firstParty()) {
      return false;
    }
    return consents.find(user.id(), client.clientId())
        .map(c -> !c.scopes().containsAll(request.scopes()))
        .orElse(true);
  }

  private RegisteredClient client(AuthorizationRequest request) {
    return clients.findById(request.clientId()).orElseThrow(() ->
        new OAuthException(OAuthError.INVALID_REQUEST, "The client is no longer registered."));
  }

  private static String name(RegisteredClient client) {
    return client.clientName().isBlank() ? client.clientId() : client.clientName();
  }

  private static String displayName(User user) {
    return user.displayName() != null ? user.displayName() : user.username();
  }
}
