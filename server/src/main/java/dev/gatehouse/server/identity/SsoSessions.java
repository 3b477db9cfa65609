package dev.gatehouse.server.identity;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.BrowserSession;
import dev.gatehouse.server.store.BrowserSessionRepository;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import dev.gatehouse.server.tokens.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Single sign-on sessions: started at password sign-in, found by the cookie value, ended at
 * logout. The cookie value is 256 random bits; only its {@link SecretHasher} hash is stored. The
 * public session id ({@code sid}) is derived one-way from that hash, so it can be shared with
 * clients (ID tokens) without revealing or enabling anything.
 */
public final class SsoSessions {
  /** The only authentication context class Gatehouse has today: a password. */
  public static final String PASSWORD_ACR = "urn:gatehouse:acr:password";
  /** RFC 8176 §2: password-based authentication. */
  public static final List<String> PASSWORD_AMR = List.of("pwd");

  private final BrowserSessionRepository sessions;
  private final UserRepository users;
  private final SecretHasher hasher;
  private final Transactions transactions;
  private final EventLog events;
  private final Clock clock;
  private final Duration lifetime;

  /** A live session and its (active) user. */
  public record ActiveSession(String idHash, String sid, User user, Instant authenticatedAt,
      List<String> amr, String acr) {
    public ActiveSession {
      amr = List.copyOf(amr);
    }
  }

  /** A session just started: the raw cookie value goes to the browser, once. */
  public record Started(String cookieValue, ActiveSession session) {
    @Override
    public String toString() {
      return "Started[cookieValue=***, session=" + session.sid() + "]";
    }
  }

  public SsoSessions(BrowserSessionRepository sessions, UserRepository users, SecretHasher hasher,
      Transactions transactions, EventLog events, Clock clock, Duration lifetime) {
    this.sessions = sessions;
    this.users = users;
    this.hasher = hasher;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** The active session behind a cookie value, if it exists, has not ended or expired, and its user is active. */
  public Optional<ActiveSession> find(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    String idHash = hasher.hash(cookieValue);
    return sessions.findActive(idHash, clock.instant()).flatMap(s -> users.findById(s.userId())
        .filter(u -> u.status() == UserStatus.ACTIVE)
        .map(u -> new ActiveSession(idHash, sid(idHash), u, s.authenticatedAt(), s.amr(), s.acr())));
  }

  /**
   * Starts a session for a user who just proved their password, ending the browser's previous
   * session (no session fixation), with {@code session.started} and {@code user.login_succeeded}
   * in the same transaction.
   */
  public Started startWithPassword(User user, String clientId, Optional<ActiveSession> previous) {
    String cookie = SecretHasher.generateSecret();
    String idHash = hasher.hash(cookie);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    BrowserSession session = new BrowserSession(idHash, user.id(), now, now, now.plus(lifetime), now,
        PASSWORD_AMR, PASSWORD_ACR, null);
    String sid = sid(idHash);
    transactions.run(() -> {
      previous.ifPresent(p -> {
        if (sessions.end(p.idHash())) {
          events.record(new AuthEvent.SessionEnded(p.sid(), p.user().id().toString(), "replaced", now));
        }
      });
      sessions.create(session);
      events.record(new AuthEvent.SessionStarted(sid, user.id().toString(), clientId, PASSWORD_AMR,
          PASSWORD_ACR, now));
      events.record(new AuthEvent.UserLoginSucceeded(user.id().toString(), clientId, sid, now));
    });
    return new Started(cookie, new ActiveSession(idHash, sid, user, now, PASSWORD_AMR, PASSWORD_ACR));
  }

  /** Records a failed sign-in ({@code userId} null when the username named no account). */
  public void loginFailed(String userId, String clientId) {
    transactions.run(() -> events.record(
        new AuthEvent.UserLoginFailed(userId, clientId, "invalid_credentials", clock.instant())));
  }

  /** Ends the session with {@code session.ended} in the same transaction; false if it had already ended. */
  public boolean end(ActiveSession session, String reason) {
    return transactions.inTransaction(() -> {
      boolean ended = sessions.end(session.idHash());
      if (ended) {
        events.record(new AuthEvent.SessionEnded(session.sid(), session.user().id().toString(), reason,
            clock.instant()));
      }
      return ended;
    });
  }

  /** The public session id: base64url of the first 128 bits of SHA-256 over the stored hash. */
  public static String sid(String idHash) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("gatehouse-sid:" + idHash).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
