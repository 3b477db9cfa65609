package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fetched JWKS, indexed by {@code kid}, holding public parts only, with one signature
 * verifier per key made on first use (so first sight of a token costs the signature check and
 * little else).
 */
public final class KeySet {
  private final Map<String, Key> byKid;
  private final List<Key> all;

  /** A key and its lazily made verifier. */
  static final class Key {
    final JWK jwk;
    private volatile JWSVerifier verifier;

    Key(JWK jwk) {
      this.jwk = jwk;
    }

    JWSVerifier verifier() throws JOSEException {
      JWSVerifier v = verifier;
      if (v == null) {
        v = create(jwk);
        verifier = v;
      }
      return v;
    }

    private static JWSVerifier create(JWK jwk) throws JOSEException {
      return switch (jwk) {
        case ECKey ec -> new ECDSAVerifier(ec);
        case RSAKey rsa -> new RSASSAVerifier(rsa);
        case OctetKeyPair okp -> {
          if (!Tink.PRESENT) {
            throw new JOSEException("EdDSA verification needs com.google.crypto.tink:tink on the classpath");
          }
          yield new Ed25519Verifier(okp);
        }
        default -> throw new JOSEException("unsupported key type " + jwk.getKeyType());
      };
    }
  }

  /** Whether Tink, which nimbus needs for Ed25519, is on the classpath. */
  static final class Tink {
    static final boolean PRESENT = present();

    private Tink() {}

    private static boolean present() {
      try {
        Class.forName("com.google.crypto.tink.subtle.Ed25519Verify", false, KeySet.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }

  KeySet(JWKSet set) {
    Map<String, Key> index = new HashMap<>();
    List<Key> keys = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      JWK pub = jwk.toPublicJWK();
      if (pub == null) {
        continue; // symmetric ("oct") keys have no public part: never usable here
      }
      Key key = new Key(pub);
      keys.add(key);
      if (pub.getKeyID() != null) {
        index.putIfAbsent(pub.getKeyID(), key);
      }
    }
    this.byKid = Collections.unmodifiableMap(index);
    this.all = List.copyOf(keys);
  }

  Key byKid(String kid) {
    return byKid.get(kid);
  }

  List<Key> all() {
    return all;
  }

  /** The key ids in this set. */
  public Set<String> keyIds() {
    return byKid.keySet();
  }
}
