package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Storage port for JWT signing keys. Methods throw {@link StoreUnavailableException} when the
 * database cannot be reached.
 */
public interface SigningKeyRepository {

  void insert(SigningKeyRecord key);

  /** Every key whose expiry is unset or after {@code now}, oldest activation first. */
  List<SigningKeyRecord> listUnexpired(Instant now);

  /** Sets when the key stops signing and when it leaves the JWKS; false if no such key. */
  boolean retire(String kid, Instant retiresAt, Instant expiresAt);

  /** Deletes keys whose expiry is at or before {@code now}; returns how many. */
  int deleteExpired(Instant now);

  /**
   * Runs {@code work} in one transaction that holds the cluster-wide key-rotation lock, against
   * a repository bound to that transaction. When another node holds the lock, returns empty at
   * once without running {@code work}; exceptions from {@code work} roll the transaction back.
   */
  <T> Optional<T> tryWithRotationLock(Function<SigningKeyRepository, T> work);
}
