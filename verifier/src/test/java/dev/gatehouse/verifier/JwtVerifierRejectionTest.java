package dev.gatehouse.verifier;

import static dev.gatehouse.verifier.TokenVerificationException.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import dev.gatehouse.verifier.TokenVerificationException.Reason;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal reason, one row each, named by the RFC rule it proves. */
class JwtVerifierRejectionTest {
  private static final String SCOPE = "orders:read";
  private final MutableClock clock = MutableClock.startingNow();
  private final TestIssuer issuer = TestIssuer.start("ES256", clock);

  @AfterEach
  void stop() {
    issuer.close();
  }

  /** A row: a token made from the issuer, and the reason it must be refused for. */
  record Row(String rule, Function<Fixture, String> token, Reason expected) {
    @Override
    public String toString() {
      return rule;
    }
  }

  /** What a row may use to build its token. */
  record Fixture(TestIssuer issuer, MutableClock clock) {
    /** A token that passes every check; rows change one thing. */
    dev.gatehouse.verifier.testing.TestToken valid() {
      return issuer.token().scope(SCOPE);
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("RFC 9068 §4 step 6 / RFC 7519 §4.1.4: exp past beyond skew → EXPIRED",
            f -> f.valid().expiresAt(f.clock().instant().minusSeconds(61)).issuedAt(f.clock().instant().minusSeconds(400)).sign(), EXPIRED),
        row("RFC 7519 §4.1.5: nbf ahead beyond skew → NOT_YET_VALID",
            f -> f.valid().notBefore(f.clock().instant().plusSeconds(120)).sign(), NOT_YET_VALID),
        row("RFC 7519 §4.1.6: iat ahead beyond skew → NOT_YET_VALID",
            f -> f.valid().issuedAt(f.clock().instant().plusSeconds(120)).sign(), NOT_YET_VALID),
        row("RFC 9068 §4 step 3: iss of another issuer → WRONG_ISSUER",
            f -> f.valid().issuer("https://evil.example").sign(), WRONG_ISSUER),
        row("RFC 9068 §4 step 3: iss must match exactly, trailing slash → WRONG_ISSUER",
            f -> f.valid().issuer(f.issuer().issuer() + "/").sign(), WRONG_ISSUER),
        row("RFC 9068 §4 step 4: aud without ours → WRONG_AUDIENCE",
            f -> f.valid().audience("https://billing.test").sign(), WRONG_AUDIENCE),
        row("RFC 9068 §4 step 4: aud missing → WRONG_AUDIENCE",
            f -> f.valid().without("aud").sign(), WRONG_AUDIENCE),
        row("RFC 8725 §3.1 / RFC 9068 §4 step 5: alg none → ALGORITHM_NOT_ALLOWED",
            JwtVerifierRejectionTest::algNone, ALGORITHM_NOT_ALLOWED),
        row("RFC 8725 §2.1, §3.1: HS256 signed with the public key (key confusion) → ALGORITHM_NOT_ALLOWED",
            JwtVerifierRejectionTest::hmacWithPublicKey, ALGORITHM_NOT_ALLOWED),
        row("RFC 9068 §4 step 1: typ JWT → WRONG_TYPE",
            f -> f.valid().type("JWT").sign(), WRONG_TYPE),
        row("RFC 9068 §4 step 1 / RFC 8725 §3.11: typ missing (e.g. an ID token) → WRONG_TYPE",
            f -> f.valid().type(null).sign(), WRONG_TYPE),
        row("RFC 7517 §4.5: kid the issuer never published → UNKNOWN_KEY",
            f -> f.valid().keyId("never-published").sign(), UNKNOWN_KEY),
        row("RFC 7517 §4.5: kid of a key the issuer removed → UNKNOWN_KEY",
            JwtVerifierRejectionTest::signedWithRemovedKey, UNKNOWN_KEY),
        row("RFC 8725 §3.1: kid names an RSA key, token is ES256 (kty must match alg) → KEY_MISMATCH",
            f -> f.valid().keyId(publish(f, "rsa-key", JWSAlgorithm.RS256, KeyUse.SIGNATURE, true)).sign(), KEY_MISMATCH),
        row("RFC 7517 §4.2: kid names a use=enc key → KEY_MISMATCH",
            f -> f.valid().keyId(publish(f, "enc-key", null, KeyUse.ENCRYPTION, false)).sign(), KEY_MISMATCH),
        row("RFC 7517 §4.4: kid names a key bound to ES384 → KEY_MISMATCH",
            f -> f.valid().keyId(publish(f, "es384-key", JWSAlgorithm.ES384, KeyUse.SIGNATURE, false)).sign(), KEY_MISMATCH),
        row("RFC 7515 §5.2: signature bytes changed → BAD_SIGNATURE",
            f -> tamperSignature(f.valid().sign()), BAD_SIGNATURE),
        row("RFC 7515 §5.2: payload changed after signing (sub swapped) → BAD_SIGNATURE",
            f -> swapPayload(f.valid().sign(), f.valid().subject("admin").sign()), BAD_SIGNATURE),
        row("RFC 7515 §5.2: signed by a key not in the JWKS under a published kid → BAD_SIGNATURE",
            f -> signedByStranger(f), BAD_SIGNATURE),
        row("RFC 7515 §7.1: not three dot-separated parts → MALFORMED", f -> "not-a-token", MALFORMED),
        row("RFC 7516 §9: five parts (a JWE) → MALFORMED", f -> "a.b.c.d.e", MALFORMED),
        row("RFC 7515 §5.2 step 3: header not JSON → MALFORMED", f -> "bm90LWpzb24.e30.c2ln", MALFORMED),
        row("RFC 7515 §4.1.11: unknown crit header → MALFORMED",
            f -> withHeader(f, "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + f.issuer().currentKeyId()
                + "\",\"crit\":[\"x-unknown\"],\"x-unknown\":1}"), MALFORMED),
        row("Local limit (no RFC rule): token over 8 KiB refused before parsing → TOO_LARGE",
            f -> f.valid().claim("padding", "x".repeat(9000)).sign(), TOO_LARGE),
        row("RFC 9068 §2.2: exp missing → MISSING_CLAIM", f -> f.valid().without("exp").sign(), MISSING_CLAIM),
        row("RFC 9068 §2.2: sub missing → MISSING_CLAIM", f -> f.valid().without("sub").sign(), MISSING_CLAIM),
        row("RFC 9068 §2.2: client_id missing → MISSING_CLAIM", f -> f.valid().without("client_id").sign(), MISSING_CLAIM),
        row("RFC 9068 §2.2: jti missing → MISSING_CLAIM", f -> f.valid().without("jti").sign(), MISSING_CLAIM),
        row("RFC 9068 §2.2: iat missing → MISSING_CLAIM", f -> f.valid().without("iat").sign(), MISSING_CLAIM),
        row("RFC 6750 §3.1: required scope missing → INSUFFICIENT_SCOPE",
            f -> f.issuer().token().scope("orders:write").sign(), INSUFFICIENT_SCOPE),
        row("RFC 6750 §3.1: no scope claim at all → INSUFFICIENT_SCOPE",
            f -> f.issuer().token().sign(), INSUFFICIENT_SCOPE),
        row("RFC 8414 §3: JWKS unreachable and nothing cached → JWKS_UNAVAILABLE",
            f -> {
              f.issuer().jwksStatus(503);
              return f.valid().sign();
            }, JWKS_UNAVAILABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void refused(Row row) {
    JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE)
        .requiredScopes(SCOPE).clock(clock).build();
    String token = row.token().apply(new Fixture(issuer, clock));
    TokenVerificationException e = catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token));
    assertThat(e).as(row.rule()).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(row.expected());
  }

  private static Arguments row(String rule, Function<Fixture, String> token, Reason expected) {
    return Arguments.of(new Row(rule, token, expected));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String payloadOf(String token) {
    return token.split("\\.")[1];
  }

  private static String algNone(Fixture f) {
    return b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + payloadOf(f.valid().sign()) + ".";
  }

  /** The attack: the verifier's "key" for kid is public, so sign HS256 with its bytes. */
  private static String hmacWithPublicKey(Fixture f) {
    String input = b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + f.issuer().currentKeyId() + "\"}")
        + "." + payloadOf(f.valid().sign());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] publicKey = f.issuer().signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
      byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signedWithRemovedKey(Fixture f) {
    String old = f.issuer().currentKeyId();
    String token = f.valid().sign();
    f.issuer().rotateKeys();
    f.issuer().removeKey(old);
    return token;
  }

  private static String publish(Fixture f, String kid, JWSAlgorithm alg, KeyUse use, boolean rsa) {
    try {
      var key = rsa
          ? new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(use).generate()
          : new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg).keyUse(use).generate();
      f.issuer().publishKey(key.toPublicJWK());
      return kid;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tamperSignature(String token) {
    int i = token.lastIndexOf('.') + 10;
    char c = token.charAt(i) == 'A' ? 'B' : 'A';
    return token.substring(0, i) + c + token.substring(i + 1);
  }

  private static String swapPayload(String signed, String other) {
    String[] a = signed.split("\\.");
    return a[0] + "." + payloadOf(other) + "." + a[2];
  }

  private static String signedByStranger(Fixture f) {
    try (TestIssuer stranger = TestIssuer.start("ES256", f.clock())) {
      String forged = stranger.token().issuer(f.issuer().issuer()).scope(SCOPE).sign();
      // the stranger's first kid is "test-key-1", as is the real issuer's: same kid, other key
      return forged;
    }
  }

  private static String withHeader(Fixture f, String headerJson) {
    String[] a = f.valid().sign().split("\\.");
    return b64(headerJson) + "." + a[1] + "." + a[2];
  }

}
