package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.SigningKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, rotates and removes signing keys (RFC 9700 §7 baseline: keys rotate on a schedule,
 * are published before use and kept after).
 *
 * <p>Per algorithm there is at most one key without a retirement time: the current key, or its
 * scheduled successor. A successor activates {@code publishAhead} after it is created so
 * verifiers' JWKS caches hold it before the first token signed with it arrives; its predecessor
 * retires at that same instant and stays published {@code maxTokenLifetime} longer.
 *
 * <p>Every change runs in one transaction holding a cluster-wide advisory lock, so when several
 * nodes share a database exactly one of them rotates. A scheduled successor records
 * {@code signing_key.rotated} in that same transaction (DESIGN.md §4.10).
 */
public final class KeyRotation {
  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  private final SigningKeyRepository repository;
  private final KeyEncryptionKey kek;
  private final KeyRotationPolicy policy;
  private final Clock clock;
  private final Runnable onKeysChanged;
  private final EventLog events;

  /**
   * @param onKeysChanged runs after a committed change on this node, typically {@code
   *     keyRing::refresh}; other nodes see it through their key ring's refresh interval
   * @param events must write through the same database as {@code repository}, so the event
   *     joins the rotation's transaction
   */
  public KeyRotation(SigningKeyRepository repository, KeyEncryptionKey kek, KeyRotationPolicy policy,
      Clock clock, Runnable onKeysChanged, EventLog events) {
    this.repository = repository;
    this.kek = kek;
    this.policy = policy;
    this.clock = clock;
    this.onKeysChanged = onKeysChanged;
    this.events = events;
  }

  public KeyRotationPolicy policy() {
    return policy;
  }

  /**
   * At start-up: creates a key for every configured algorithm that has none. A first key
   * activates at once (no token was ever signed with that algorithm, so there is nothing to
   * publish ahead of); otherwise it is published ahead. Waits for another node's rotation.
   */
  public List<ScheduledSigningKey> ensureKeys() {
    return changed(withLockWaiting(tx -> {
      Instant now = now();
      List<SigningKeyRecord> keys = tx.listUnexpired(now);
      List<ScheduledSigningKey> created = new ArrayList<>();
      for (SigningAlgorithm alg : policy.algorithms()) {
        if (pending(keys, alg).isEmpty()) {
          created.add(createFirst(tx, keys, alg, now));
        }
      }
      return created;
    }));
  }

  /**
   * The scheduled job: schedules a successor for every key that has signed for the rotation
   * period, creates missing keys, and deletes keys past expiry. Returns at once, doing nothing,
   * when another node holds the rotation lock.
   */
  public List<ScheduledSigningKey> rotateIfDue() {
    return changed(repository.tryWithRotationLock(tx -> {
      Instant now = now();
      int deleted = tx.deleteExpired(now);
      if (deleted > 0) {
        log.info("deleted {} expired signing key(s)", deleted);
      }
      List<SigningKeyRecord> keys = tx.listUnexpired(now);
      List<ScheduledSigningKey> created = new ArrayList<>();
      for (SigningAlgorithm alg : policy.algorithms()) {
        Optional<SigningKeyRecord> current = pending(keys, alg);
        if (current.isEmpty()) {
          created.add(createFirst(tx, keys, alg, now));
        } else if (!current.get().activatesAt().plus(policy.rotationPeriod()).isAfter(now)) {
          created.add(scheduleSuccessor(tx, current.get(), alg, now));
        }
      }
      return created;
    }).orElse(List.of()));
  }

  /**
   * Forced rotation (CLI), e.g. after a suspected key leak. The successor is still published
   * {@code publishAhead} before it signs, exactly like a scheduled rotation: activating it at
   * once would make every verifier with a cached JWKS reject new tokens. To stop using a leaked
   * key sooner, shorten the publish-ahead period for this run.
   */
  public ScheduledSigningKey rotateNow(SigningAlgorithm alg) {
    if (!policy.algorithms().contains(alg)) {
      throw new IllegalArgumentException(alg.joseName() + " is not a configured signing algorithm");
    }
    return changed(withLockWaiting(tx -> {
      Instant now = now();
      List<SigningKeyRecord> keys = tx.listUnexpired(now);
      Optional<SigningKeyRecord> current = pending(keys, alg);
      return List.of(current.isPresent()
          ? scheduleSuccessor(tx, current.get(), alg, now)
          : createFirst(tx, keys, alg, now));
    })).get(0);
  }

  /** The key of {@code alg} without a retirement time (current or scheduled successor). */
  private static Optional<SigningKeyRecord> pending(List<SigningKeyRecord> keys, SigningAlgorithm alg) {
    return keys.stream()
        .filter(k -> k.algorithm().equals(alg.joseName()) && k.retiresAt() == null)
        .max(Comparator.comparing(SigningKeyRecord::activatesAt));
  }

  private ScheduledSigningKey createFirst(
      SigningKeyRepository tx, List<SigningKeyRecord> keys, SigningAlgorithm alg, Instant now) {
    // Nothing of this algorithm signs now, so nobody can be waiting for a token signed with it.
    boolean anySigning = keys.stream().anyMatch(k -> k.algorithm().equals(alg.joseName())
        && !k.activatesAt().isAfter(now) && (k.retiresAt() == null || now.isBefore(k.retiresAt())));
    return create(tx, alg, now, anySigning ? now.plus(policy.publishAhead()) : now);
  }

  private ScheduledSigningKey scheduleSuccessor(
      SigningKeyRepository tx, SigningKeyRecord current, SigningAlgorithm alg, Instant now) {
    ScheduledSigningKey successor = create(tx, alg, now, now.plus(policy.publishAhead()));
    Instant retiresAt = successor.activatesAt();
    tx.retire(current.kid(), retiresAt, retiresAt.plus(policy.maxTokenLifetime()));
    events.record(new AuthEvent.SigningKeyRotated(successor.kid(), alg.joseName(), current.kid(),
        successor.activatesAt(), now));
    log.info("signing key {} ({}) retires at {}", current.kid(), alg.joseName(), retiresAt);
    return successor;
  }

  private ScheduledSigningKey create(SigningKeyRepository tx, SigningAlgorithm alg, Instant now, Instant activatesAt) {
    String kid = newKid();
    JWK jwk;
    try {
      jwk = alg.generate(kid);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate a " + alg.joseName() + " key", e);
    }
    byte[] privateJson = jwk.toJSONString().getBytes(StandardCharsets.UTF_8);
    try {
      tx.insert(new SigningKeyRecord(kid, alg.joseName(), now, activatesAt, null, null,
          jwk.toPublicJWK().toJSONString(), kek.seal(kid, privateJson)));
    } finally {
      Arrays.fill(privateJson, (byte) 0);
    }
    log.info("created signing key {} ({}), signing from {}", kid, alg.joseName(), activatesAt);
    return new ScheduledSigningKey(kid, alg, activatesAt);
  }

  private List<ScheduledSigningKey> withLockWaiting(Function<SigningKeyRepository, List<ScheduledSigningKey>> work) {
    Instant deadline = Instant.now().plus(LOCK_WAIT);
    while (true) {
      Optional<List<ScheduledSigningKey>> result = repository.tryWithRotationLock(work);
      if (result.isPresent()) {
        return result.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("another node has held the key-rotation lock for over " + LOCK_WAIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the key-rotation lock", e);
      }
    }
  }

  private List<ScheduledSigningKey> changed(List<ScheduledSigningKey> created) {
    if (!created.isEmpty()) {
      onKeysChanged.run();
    }
    return created;
  }

  /** Millisecond precision: PostgreSQL keeps microseconds, so stored and in-memory times agree. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String newKid() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
