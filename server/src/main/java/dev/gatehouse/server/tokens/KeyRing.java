package dev.gatehouse.server.tokens;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.SigningKeyRepository;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys this node uses and publishes: an in-memory snapshot of the {@code
 * signing_keys} table with private keys decrypted once per kid.
 *
 * <p>The snapshot holds keys that are not yet active, so every node switches to a successor at
 * its {@code activatesAt} by the clock, without a reload. Reloads happen when the snapshot is
 * older than the refresh interval (so nodes see a rotation made elsewhere well within the
 * publish-ahead period), after a local rotation ({@link #refresh}), and once when no active key
 * is found. While the database is down the last snapshot keeps serving.
 */
public final class KeyRing {
  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
  private static final Comparator<SigningKey> NEWEST_ACTIVATION =
      Comparator.comparing(SigningKey::activatesAt).thenComparing(SigningKey::createdAt);

  private final SigningKeyRepository repository;
  private final KeyEncryptionKey kek;
  private final Clock clock;
  private final Duration refreshInterval;
  private final ReentrantLock reloading = new ReentrantLock();
  /** Decrypted private JWKs by kid: rows are immutable except their retire/expire times. */
  private final Map<String, JWK> privateKeys = new ConcurrentHashMap<>();
  private volatile @Nullable Snapshot snapshot;

  private record Snapshot(List<SigningKey> keys, Instant loadedAt) {}

  /** The JWKS document last rendered, and the keys (same objects) it was rendered from. */
  private record RenderedJwks(List<SigningKey> keys, String json) {}

  private volatile @Nullable RenderedJwks renderedJwks;

  /**
   * @param refreshInterval how stale the snapshot may get; keep it well below the rotation
   *     policy's publish-ahead period (a minute is a good default)
   */
  public KeyRing(SigningKeyRepository repository, KeyEncryptionKey kek, Clock clock, Duration refreshInterval) {
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("the key-ring refresh interval must be positive");
    }
    this.repository = repository;
    this.kek = kek;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
  }

  /**
   * The key to sign with now for {@code algorithm}: the most recently activated key whose
   * activatesAt ≤ now < retiresAt.
   *
   * @throws IllegalStateException when there is none (key rotation has not run)
   */
  public SigningKey signingKey(SigningAlgorithm algorithm) {
    SigningKey key = active(current(), algorithm);
    if (key == null) {
      key = active(reload(true), algorithm);
    }
    if (key == null) {
      throw new IllegalStateException("no active " + algorithm.joseName()
          + " signing key: has key rotation run (KeyRotation.ensureKeys)?");
    }
    return key;
  }

  /**
   * The JWK set to publish: public keys of every key not yet expired, including keys that do
   * not sign yet (published before use) and retired keys whose tokens may still be live.
   */
  public JWKSet publishedJwks() {
    return jwkSet(publishedKeys());
  }

  /**
   * {@link #publishedJwks()} as its JSON document, rendered again only when the published keys
   * change (a reload or a key reaching its publication time), not on every JWKS request.
   */
  public String publishedJwksJson() {
    List<SigningKey> published = publishedKeys();
    RenderedJwks last = renderedJwks;
    if (last != null && sameKeys(last.keys(), published)) {
      return last.json();
    }
    String json = jwkSet(published).toString(true);
    renderedJwks = new RenderedJwks(List.copyOf(published), json);
    return json;
  }

  private List<SigningKey> publishedKeys() {
    Instant now = clock.instant();
    List<SigningKey> published = new ArrayList<>();
    for (SigningKey key : current().keys()) {
      if (key.publishedAt(now)) {
        published.add(key);
      }
    }
    return published;
  }

  private static JWKSet jwkSet(List<SigningKey> keys) {
    List<JWK> jwks = new ArrayList<>();
    for (SigningKey key : keys) {
      jwks.add(key.publicJwk());
    }
    return new JWKSet(jwks);
  }

  @SuppressWarnings("ReferenceEquality") // the same key objects, so the same rendered document
  private static boolean sameKeys(List<SigningKey> a, List<SigningKey> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Every key in the snapshot, oldest activation first (for admin views and diagnostics). */
  public List<SigningKey> keys() {
    return current().keys();
  }

  /** Reloads from the database now, e.g. right after this node rotated keys. */
  public void refresh() {
    reload(true);
  }

  private @Nullable SigningKey active(Snapshot s, SigningAlgorithm algorithm) {
    Instant now = clock.instant();
    return s.keys().stream()
        .filter(k -> k.algorithm() == algorithm && k.signsAt(now))
        .max(NEWEST_ACTIVATION)
        .orElse(null);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s != null && clock.instant().isBefore(s.loadedAt().plus(refreshInterval))) {
      return s;
    }
    return reload(false);
  }

  @SuppressWarnings("ReferenceEquality") // "was the snapshot replaced?" is an identity question
  private Snapshot reload(boolean force) {
    Snapshot stale = snapshot;
    if (stale == null || force) {
      reloading.lock();
    } else if (!reloading.tryLock()) {
      return stale; // another thread is reloading: don't queue request threads behind it
    }
    try {
      Snapshot s = snapshot;
      if (!force && s != null && s != stale) {
        return s; // reloaded while we waited
      }
      Instant now = clock.instant();
      try {
        s = new Snapshot(load(now), now);
      } catch (RuntimeException e) {
        if (stale == null) {
          throw e;
        }
        log.warn("could not reload signing keys, keeping the last {} keys until the next try: {}",
            stale.keys().size(), e.toString());
        s = new Snapshot(stale.keys(), now);
      }
      snapshot = s;
      return s;
    } finally {
      reloading.unlock();
    }
  }

  private List<SigningKey> load(Instant now) {
    List<SigningKeyRecord> rows = repository.listUnexpired(now);
    List<SigningKey> keys = new ArrayList<>(rows.size());
    for (SigningKeyRecord row : rows) {
      keys.add(new SigningKey(row.kid(), SigningAlgorithm.fromJoseName(row.algorithm()), row.createdAt(),
          row.activatesAt(), row.retiresAt(), row.expiresAt(), privateKeys.computeIfAbsent(row.kid(), kid -> decrypt(row))));
    }
    privateKeys.keySet().retainAll(rows.stream().map(SigningKeyRecord::kid).toList());
    keys.sort(NEWEST_ACTIVATION);
    return List.copyOf(keys);
  }

  private JWK decrypt(SigningKeyRecord row) {
    byte[] plaintext = kek.open(row.kid(), row.encryptedPrivateKey());
    try {
      JWK privateJwk = JWK.parse(new String(plaintext, StandardCharsets.UTF_8));
      JWK storedPublic = JWK.parse(row.publicJwkJson());
      if (!privateJwk.isPrivate() || !privateJwk.toPublicJWK().equals(storedPublic)) {
        throw new KeyDecryptionException("signing key " + row.kid() + ": the private key does not match its public JWK");
      }
      return privateJwk;
    } catch (ParseException e) {
      // The parser's message could quote key material: keep only the position.
      throw new KeyDecryptionException("signing key " + row.kid() + ": stored key is not a JWK (offset "
          + e.getErrorOffset() + ")");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }
}
