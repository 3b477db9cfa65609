package dev.gatehouse.server.store;

import java.util.List;
import java.util.Optional;

/** Registered clients by {@code client_id}. */
public interface RegisteredClientRepository {
  /** Inserts the client, or replaces every field but {@code createdAt} of the existing one. */
  void save(RegisteredClient client);

  Optional<RegisteredClient> findById(String clientId);

  /** All clients ordered by {@code client_id}. */
  List<RegisteredClient> list();

  /** Deletes the client and, by cascade, its grants, tokens and consents; false if unknown. */
  boolean delete(String clientId);

  /**
   * Replaces the secret hash (rotation) and stamps {@code secretRotatedAt} with the store's clock;
   * false if the client is unknown.
   */
  boolean updateSecretHash(String clientId, String secretHash);

  /** Every origin some client registered in {@code allowedCorsOrigins} (for CORS checks). */
  java.util.Set<String> allowedCorsOrigins();
}
