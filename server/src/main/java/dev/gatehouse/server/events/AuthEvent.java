package dev.gatehouse.server.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of events Gatehouse writes to its transactional outbox (docs/events.md lists
 * them for consumers). Each is recorded in the same transaction as the change it describes.
 * Payloads never carry secrets, password hashes or tokens.
 */
public sealed interface AuthEvent {
  /**
   * The catalogue name, {@code <aggregate>.<past_tense_verb>}, e.g. {@code user.created}. Stable:
   * consumers switch on it. The CloudEvents {@code type} attribute is this name prefixed with
   * {@link CloudEvent#TYPE_PREFIX}.
   */
  String type();

  /** The id of the aggregate the event is about (user id, client id, key id). */
  String aggregateId();

  Instant occurredAt();

  record UserCreated(String userId, String username, String email, Instant occurredAt)
      implements AuthEvent {
    @Override public String type() { return "user.created"; }
    @Override public String aggregateId() { return userId; }
  }

  record UserDisabled(String userId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "user.disabled"; }
    @Override public String aggregateId() { return userId; }
  }

  record UserEnabled(String userId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "user.enabled"; }
    @Override public String aggregateId() { return userId; }
  }

  /** {@code reason}: {@code set} (by an operator), {@code upgraded} (rehashed with new parameters at login). */
  record PasswordChanged(String userId, String reason, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "user.password_changed"; }
    @Override public String aggregateId() { return userId; }
  }

  record ClientCreated(String clientId, String clientType, List<String> redirectUris,
      Set<String> grantTypes, Set<String> scopes, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "client.created"; }
    @Override public String aggregateId() { return clientId; }
  }

  record ClientDeleted(String clientId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "client.deleted"; }
    @Override public String aggregateId() { return clientId; }
  }

  record ClientSecretRotated(String clientId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "client.secret_rotated"; }
    @Override public String aggregateId() { return clientId; }
  }

  /**
   * A successor signing key was scheduled: it is published in the JWKS now and signs from
   * {@code activatesAt}, when {@code previousKid} retires. The aggregate is the algorithm, so the
   * rotations of one algorithm stay in order. Only public identifiers; never key material.
   */
  record SigningKeyRotated(String kid, String algorithm, String previousKid, Instant activatesAt,
      Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "signing_key.rotated"; }
    @Override public String aggregateId() { return algorithm; }
  }

  // Sign-in and single sign-on sessions. {@code sid} is the public session id that ID tokens carry
  // (never the cookie value or its hash).

  record SessionStarted(String sid, String userId, String clientId, List<String> amr, String acr,
      Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "session.started"; }
    @Override public String aggregateId() { return sid; }
  }

  /** {@code reason}: {@code logout} (RP-initiated or at the logout page), {@code replaced} (signed in again). */
  record SessionEnded(String sid, String userId, String reason, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "session.ended"; }
    @Override public String aggregateId() { return sid; }
  }

  record UserLoginSucceeded(String userId, String clientId, String sid, Instant occurredAt)
      implements AuthEvent {
    @Override public String type() { return "user.login_succeeded"; }
    @Override public String aggregateId() { return userId; }
  }

  /**
   * A failed password sign-in. {@code userId} is set when the username named an account, else
   * {@code null} (aggregate id {@code unknown}); the typed username and password are never recorded.
   */
  record UserLoginFailed(String userId, String clientId, String reason, Instant occurredAt)
      implements AuthEvent {
    @Override public String type() { return "user.login_failed"; }
    @Override public String aggregateId() { return userId == null ? "unknown" : userId; }
  }

  /**
   * A rotated refresh token was presented again (RFC 9700 §4.14.2): its whole grant was revoked.
   * {@code clientId} is the client that presented it.
   */
  record RefreshTokenReuseDetected(String grantId, String clientId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "refresh_token.reuse_detected"; }
    @Override public String aggregateId() { return grantId; }
  }

  /** A consumed authorization code was presented again (RFC 6749 §4.1.2): its grant was revoked. */
  record AuthorizationCodeReplayed(String grantId, String clientId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "authorization_code.replayed"; }
    @Override public String aggregateId() { return grantId; }
  }

  /** A client revoked a token through the revocation endpoint (RFC 7009) and with it the grant. */
  record TokenRevoked(String grantId, String clientId, String reason, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "token.revoked"; }
    @Override public String aggregateId() { return grantId; }
  }

  /**
   * A client revoked one of its client-credentials access tokens at the revocation endpoint
   * (RFC 7009). It has no grant, so it is named by its {@code jti}; services that verify tokens
   * locally add the jti to their revocation list until {@code expiresAt}.
   */
  record AccessTokenRevoked(String jti, String clientId, Instant expiresAt, Instant occurredAt)
      implements AuthEvent {
    @Override public String type() { return "access_token.revoked"; }
    @Override public String aggregateId() { return jti; }
  }

  /** A user granted a client these scopes (the consent page); remembered for later requests. */
  record ConsentGranted(String userId, String clientId, List<String> scopes, Instant occurredAt)
      implements AuthEvent {
    @Override public String type() { return "consent.granted"; }
    @Override public String aggregateId() { return userId; }
  }

  /** A remembered consent was withdrawn; the next authorization asks again. */
  record ConsentRevoked(String userId, String clientId, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "consent.revoked"; }
    @Override public String aggregateId() { return userId; }
  }
}
