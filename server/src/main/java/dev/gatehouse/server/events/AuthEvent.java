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
  /** The wire name, e.g. {@code user.created}; also the Kafka record's type header later. */
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
  record GrantRevoked(String grantId, String clientId, String reason, Instant occurredAt) implements AuthEvent {
    @Override public String type() { return "grant.revoked"; }
    @Override public String aggregateId() { return grantId; }
  }
}
