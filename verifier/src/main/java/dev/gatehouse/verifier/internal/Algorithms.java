package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The signature algorithms a verifier may accept. Only asymmetric ones: a JWKS publishes public
 * keys, so an HMAC algorithm would mean "verify with a key the whole world knows" (the classic
 * key-confusion attack, RFC 8725 §2.1/§3.1), and {@code none} means no signature at all.
 */
public final class Algorithms {
  private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  private Algorithms() {}

  /**
   * Parses an allow-list.
   *
   * @throws IllegalArgumentException for {@code none}, any HMAC algorithm, or an unknown name
   */
  public static Set<JWSAlgorithm> allowList(Iterable<String> names) {
    Set<JWSAlgorithm> out = new LinkedHashSet<>();
    for (String name : names) {
      JWSAlgorithm alg = JWSAlgorithm.parse(name);
      if (!ASYMMETRIC.contains(alg)) {
        throw new IllegalArgumentException("algorithm " + name + " cannot be allowed: only "
            + "asymmetric signature algorithms verify against a public JWKS (RFC 8725 §3.1)");
      }
      out.add(alg);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the algorithm allow-list is empty");
    }
    return Set.copyOf(out);
  }
}
