package dev.gatehouse.verifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An access token whose signature and claims have been verified. Immutable and safe to share
 * between threads. The standard RFC 9068 §2.2 claims have accessors; any other claim is read with
 * {@link #claim(String, Class)}.
 */
public final class VerifiedToken {
  private final String issuer;
  private final String subject;
  private final String clientId;
  private final Set<String> scopes;
  private final List<String> audience;
  private final Instant expiresAt;
  private final Instant issuedAt;
  private final String jti;
  private final String sessionId;
  private final String keyId;
  private final Map<String, Object> claims;

  VerifiedToken(Map<String, Object> claims, List<String> audience, String keyId) {
    this.claims = freezeMap(claims);
    this.issuer = (String) this.claims.get("iss");
    this.subject = (String) this.claims.get("sub");
    this.clientId = (String) this.claims.get("client_id");
    this.jti = (String) this.claims.get("jti");
    this.sessionId = this.claims.get("sid") instanceof String s ? s : null;
    this.audience = List.copyOf(audience);
    this.expiresAt = Instant.ofEpochSecond(((Number) this.claims.get("exp")).longValue());
    this.issuedAt = Instant.ofEpochSecond(((Number) this.claims.get("iat")).longValue());
    this.scopes = parseScopes(this.claims.get("scope"));
    this.keyId = keyId;
  }

  /** RFC 9068 §2.2.3: {@code scope} is a space-delimited string (RFC 8693 §4.2). */
  private static Set<String> parseScopes(Object scope) {
    if (!(scope instanceof String s) || s.isBlank()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : s.trim().split(" +")) {
      out.add(part);
    }
    return Collections.unmodifiableSet(out);
  }

  /** {@code iss}: the issuer, exactly as configured on the verifier. */
  public String issuer() {
    return issuer;
  }

  /** {@code sub}: the user, or the client itself for client credentials. */
  public String subject() {
    return subject;
  }

  /** {@code client_id}: the client the token was issued to. */
  public String clientId() {
    return clientId;
  }

  /** The granted scopes from the {@code scope} claim; empty when absent. */
  public Set<String> scopes() {
    return scopes;
  }

  /** Whether the token grants {@code scope}. */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** {@code aud}: one or more audiences, one of which is the verifier's. */
  public List<String> audience() {
    return audience;
  }

  /** {@code exp}. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@code iat}. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** {@code jti}: the token's unique identifier. */
  public String jti() {
    return jti;
  }

  /** {@code sid}: the session the token belongs to, if the issuer set one. */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  /** {@code kid} of the key that signed the token, if the header named one. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** Every claim, unmodifiable (nested lists and objects too). */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * A claim by name, converted to {@code type}. Supported: {@code String}, {@code Boolean},
   * {@code Long}, {@code Integer}, {@code Double}, {@code Instant} (from a NumericDate),
   * {@code List} and {@code Map}.
   *
   * @return empty when the claim is absent or JSON {@code null}
   * @throws IllegalArgumentException when the claim is present but not of that type
   */
  public <T> Optional<T> claim(String name, Class<T> type) {
    Object value = claims.get(name);
    if (value == null) {
      return Optional.empty();
    }
    Object converted = convert(value, type);
    if (converted == null) {
      throw new IllegalArgumentException(
          "claim " + name + " is a " + value.getClass().getSimpleName() + ", not " + type.getSimpleName());
    }
    return Optional.of(type.cast(converted));
  }

  private static Object convert(Object value, Class<?> type) {
    if (type.isInstance(value)) {
      return value;
    }
    if (value instanceof Number n) {
      if (type == Long.class && (n instanceof Long || n instanceof Integer)) {
        return n.longValue();
      }
      if (type == Integer.class && (n instanceof Long || n instanceof Integer) && n.longValue() == n.intValue()) {
        return n.intValue();
      }
      if (type == Double.class) {
        return n.doubleValue();
      }
      if (type == Instant.class) {
        return Instant.ofEpochSecond(n.longValue());
      }
    }
    return null;
  }

  private static Map<String, Object> freezeMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      return freezeMap(m);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant().getEpochSecond();
    }
    return value;
  }

  @Override
  public String toString() {
    return "VerifiedToken{sub=" + subject + ", client_id=" + clientId + ", scope=" + scopes
        + ", aud=" + audience + ", exp=" + expiresAt + ", jti=" + jti + "}";
  }
}
