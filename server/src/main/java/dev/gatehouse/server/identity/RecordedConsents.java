package dev.gatehouse.server.identity;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.Consent;
import dev.gatehouse.server.store.ConsentRepository;
import dev.gatehouse.server.store.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Consent that records {@code consent.granted} and {@code consent.revoked} in the same
 * transaction as the change (DESIGN.md §4.10): a decorator, so every caller of the port gets the
 * events without knowing about them.
 */
public final class RecordedConsents implements ConsentRepository {
  private final ConsentRepository consents;
  private final Transactions transactions;
  private final EventLog events;
  private final Clock clock;

  public RecordedConsents(ConsentRepository consents, Transactions transactions, EventLog events, Clock clock) {
    this.consents = consents;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Optional<Consent> find(UUID userId, String clientId) {
    return consents.find(userId, clientId);
  }

  @Override
  public Consent grant(UUID userId, String clientId, Set<String> scopes) {
    return transactions.inTransaction(() -> {
      Consent consent = consents.grant(userId, clientId, scopes);
      events.record(new AuthEvent.ConsentGranted(userId.toString(), clientId,
          List.copyOf(new TreeSet<>(scopes)), clock.instant()));
      return consent;
    });
  }

  @Override
  public boolean revoke(UUID userId, String clientId) {
    return transactions.inTransaction(() -> {
      boolean revoked = consents.revoke(userId, clientId);
      if (revoked) {
        events.record(new AuthEvent.ConsentRevoked(userId.toString(), clientId, clock.instant()));
      }
      return revoked;
    });
  }
}
