package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Authorization grants and their codes (DESIGN.md §4.8: one aggregate per grant). */
public interface AuthorizationGrantRepository {
  /** Stores a grant that has no code (for example one made by a client credentials request). */
  void save(AuthorizationGrant grant);

  /** Stores a grant together with its authorization code ({@code code.grantId()} must match). */
  void save(AuthorizationGrant grant, AuthorizationCode code);

  Optional<AuthorizationGrant> findById(UUID grantId);

  /**
   * Consumes a code exactly once, atomically: of any number of concurrent calls with the same
   * hash, one gets {@link CodeConsumption.Consumed}; the others, and every later call, get
   * {@link CodeConsumption.Replayed} (RFC 6749 §4.1.2, §10.5). A code is usable while
   * {@code now < expiresAt} and its grant is not revoked.
   */
  CodeConsumption consumeCode(String codeHash, Instant now);

  /**
   * Revokes the grant, its code and all its refresh tokens in one transaction (RFC 7009 §2.1,
   * RFC 6749 §4.1.2). Idempotent: keeps the first revocation time. False if the grant is unknown.
   */
  boolean revoke(UUID grantId, Instant now);
}
