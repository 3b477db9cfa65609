package dev.gatehouse.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The physical limits of JWT access tokens on one core: signing an RFC 9068 access token (what
 * the token endpoint does once per grant) and verifying it (what every resource server does per
 * request), for each algorithm Gatehouse signs with.
 *
 * <p>Keys are generated in memory with the same nimbus generators and signers as {@link
 * SigningAlgorithm} (a {@code SigningKey} only comes from the key ring and its database):
 * P-256 for ES256, RSA 2048 for RS256, Ed25519 through Tink for EdDSA.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwtSigningBenchmark {
  @Param({"ES256", "RS256", "EdDSA"})
  public String alg;

  private JWSHeader header;
  private JWTClaimsSet claims;
  private JWSSigner signer;
  private JWSVerifier verifier;
  private SignedJWT signed;

  @Setup
  public void setUp() throws JOSEException, ParseException {
    SigningAlgorithm algorithm = SigningAlgorithm.fromJoseName(alg);
    String kid = "bench-" + algorithm.joseName();
    JWSAlgorithm jws = algorithm.jws();
    switch (algorithm) {
      case ES256 -> {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws).generate();
        signer = new ECDSASigner(key);
        verifier = new ECDSAVerifier(key.toPublicJWK());
      }
      case RS256 -> {
        RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws).generate();
        signer = new RSASSASigner(key);
        verifier = new RSASSAVerifier(key.toPublicJWK());
      }
      case EDDSA -> {
        OctetKeyPair key =
            new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws).generate();
        signer = new Ed25519Signer(key);
        verifier = new Ed25519Verifier(key.toPublicJWK());
      }
    }

    // RFC 9068 §2.1: typ "at+jwt"; §2.2: iss, exp, aud, sub, client_id, iat, jti (+ scope).
    header = new JWSHeader.Builder(jws).type(new JOSEObjectType("at+jwt")).keyID(kid).build();
    Instant now = Instant.now();
    claims = new JWTClaimsSet.Builder()
        .issuer("https://id.gatehouse.example")
        .subject("user_01J9ZK3M7Q4W8E2R6T5Y1U0I9O")
        .audience("https://api.marketplace.example/orders")
        .claim("client_id", "mobile-app-ios")
        .claim("scope", "openid profile orders:read orders:write")
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .build();

    signed = SignedJWT.parse(sign());
    if (!signed.verify(verifier)) {
      throw new IllegalStateException(alg + ": the benchmark token does not verify");
    }
  }

  /** Token endpoint: claims to JSON, sign, compact serialization. */
  @Benchmark
  public String sign() throws JOSEException {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** Resource server: verify the signature of an already parsed token. */
  @Benchmark
  public boolean verify() throws JOSEException {
    return verifier.verify(signed.getHeader(), signed.getSigningInput(), signed.getSignature());
  }
}
