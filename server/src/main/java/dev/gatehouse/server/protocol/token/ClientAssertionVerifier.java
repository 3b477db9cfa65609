package dev.gatehouse.server.protocol.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.ClientAssertionJtiRepository;
import dev.gatehouse.server.store.RegisteredClient;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2, §3; OIDC Core §9): a JWT signed with a key from the
 * client's registered {@code jwks} or {@code jwks_uri}, with {@code iss} and {@code sub} equal to
 * the client_id, an {@code aud} naming this token endpoint or the issuer, an {@code exp} in the
 * near future, and a {@code jti} never seen before from this client.
 */
public final class ClientAssertionVerifier {
  /** Asymmetric algorithms only: {@code client_secret_jwt} (HMAC) is not offered. */
  public static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
  /** Assertions may live at most this long ahead: the jti store keeps each one until its exp. */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
  private static final Set<String> REQUIRED = Set.of("iss", "sub", "aud", "exp", "jti");

  private final TokenSettings settings;
  private final ClientAssertionJtiRepository jtis;
  private final Clock clock;
  private final Cache<String, JWKSource<SecurityContext>> remoteSets =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(Duration.ofHours(1)).build();

  public ClientAssertionVerifier(TokenSettings settings, ClientAssertionJtiRepository jtis, Clock clock) {
    this.settings = settings;
    this.jtis = jtis;
    this.clock = clock;
  }

  /** The assertion's {@code iss} (its client_id), read before anything is verified. */
  static String issuer(String assertion) {
    try {
      String iss = SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
      if (iss == null || iss.isEmpty()) {
        throw new OAuthException(OAuthError.INVALID_CLIENT, "The client assertion has no iss.");
      }
      return iss;
    } catch (ParseException e) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The client assertion is not a signed JWT.");
    }
  }

  void verify(String assertion, RegisteredClient client) {
    JWKSource<SecurityContext> keys = keys(client);
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    // RFC 7523 §3: iss (1) and sub (2) are the client_id; aud (3) identifies the authorization
    // server: "The token endpoint URL of the authorization server MAY be used", and OIDC Core §9
    // and RFC 7523 allow the issuer identifier; exp (4) is required; jti (7) is required here.
    JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(client.clientId()).subject(client.clientId()).build();
    DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
        Set.of(settings.tokenEndpoint().toString(), settings.issuer().toString()), exact, REQUIRED, null) {
      @Override
      protected java.util.Date currentTime() {
        return java.util.Date.from(clock.instant());
      }
    };
    processor.setJWTClaimsSetVerifier(claimsVerifier);
    JWTClaimsSet claims;
    try {
      claims = processor.process(assertion, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The client assertion is not valid: " + reason(e), e);
    }
    Instant now = clock.instant();
    Instant exp = claims.getExpirationTime().toInstant();
    if (exp.isAfter(now.plus(MAX_LIFETIME))) {
      throw new OAuthException(OAuthError.INVALID_CLIENT,
          "The client assertion expires too far in the future (at most " + MAX_LIFETIME.toMinutes() + " minutes).");
    }
    // RFC 7523 §3 item 7: "The authorization server MAY ensure that JWTs are not replayed by
    // maintaining the set of used "jti" values for the length of time for which the JWT would be
    // considered valid based on the applicable "exp" instant."
    Instant keepUntil = exp.plusSeconds(60); // the clock skew the exp check tolerates
    if (!jtis.markUsed(client.clientId(), claims.getJWTID(), keepUntil, now)) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The client assertion has been used before (jti replay).");
    }
  }

  private JWKSource<SecurityContext> keys(RegisteredClient client) {
    if (client.jwks() != null) {
      try {
        return new ImmutableJWKSet<>(JWKSet.parse(client.jwks()));
      } catch (ParseException e) {
        throw new OAuthException(OAuthError.INVALID_CLIENT, "The client's registered jwks is unusable.", e);
      }
    }
    if (client.jwksUri() != null) {
      return remoteSets.get(client.jwksUri(), uri -> {
        try {
          URL url = URI.create(uri).toURL();
          return JWKSourceBuilder.create(url).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
          throw new OAuthException(OAuthError.INVALID_CLIENT, "The client's jwks_uri is unusable.", e);
        }
      });
    }
    throw new OAuthException(OAuthError.INVALID_CLIENT, "The client has no registered keys for private_key_jwt.");
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null ? "signature or claims check failed" : message;
  }
}
