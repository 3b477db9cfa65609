package dev.gatehouse.bench;

import com.nimbusds.jose.JOSEException;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Spring Security's resource-server decoder doing {@link VerifierBenchmark#firstSight}'s job on
 * the same kind of token: {@code NimbusJwtDecoder.withJwkSetUri} against the {@link TestIssuer}'s
 * JWKS, with Spring's RFC 9068 validator ({@code JwtValidators.createAtJwtValidator()}: typ
 * {@code at+jwt}, iss, aud, exp/nbf with 60 s skew, sub, iat, jti and client_id present). Spring
 * has no verified-token cache, so every call checks the signature.
 *
 * <p>ES256 and RS256 only: Spring's {@code SignatureAlgorithm} has no EdDSA, and the nimbus
 * {@code JWTProcessor} it is built on cannot verify Ed25519 (its {@code DefaultJWSVerifierFactory}
 * and {@code KeyConverter} have no OKP support), so Spring cannot accept EdDSA tokens without a
 * hand-written key selector and verifier factory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifierVsSpringBenchmark {
  @Param({"ES256", "RS256"})
  public String alg;

  private VerifierFixture fixture;
  private NimbusJwtDecoder decoder;

  @Setup
  public void setUp() throws JOSEException, ParseException {
    fixture = new VerifierFixture(alg);
    decoder = NimbusJwtDecoder.withJwkSetUri(fixture.issuer.jwksUri().toString())
        .jwsAlgorithm(SignatureAlgorithm.from(alg))
        .validateType(false) // typ at+jwt is checked by the at+jwt validator below
        .build();
    decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
        .issuer(fixture.issuer.issuer())
        .audience(TestIssuer.AUDIENCE)
        .clientId("mobile-app-ios")
        .build());
    Jwt jwt = decoder.decode(fixture.token); // fetches the JWKS, proves the setup accepts the token
    if (!"mobile-app-ios".equals(jwt.getClaimAsString("client_id"))) {
      throw new IllegalStateException("unexpected claims " + jwt.getClaims());
    }
  }

  @TearDown
  public void tearDown() {
    fixture.close();
  }

  /** Spring's decoder: parse, signature, claim conversion, validators. */
  @Benchmark
  public Jwt springDecode() {
    return decoder.decode(fixture.token);
  }
}
