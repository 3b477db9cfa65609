package dev.gatehouse.verifier.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Gatehouse for tests: serves {@code /.well-known/openid-configuration} and a JWKS on
 * a random 127.0.0.1 port, mints access tokens, and rotates keys on demand.
 *
 * <pre>{@code
 * try (TestIssuer issuer = TestIssuer.start()) {
 *   JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE).build();
 *   String token = issuer.token().subject("alice").scope("orders:read").sign();
 *   assertThat(verifier.verify(token).subject()).isEqualTo("alice");
 * }
 * }</pre>
 *
 * Keys are ES256 by default; {@link #start(String, Clock)} takes RS256 or EdDSA (EdDSA needs
 * {@code com.google.crypto.tink:tink} on the test classpath).
 */
public final class TestIssuer implements AutoCloseable {
  /** The audience minted tokens carry unless told otherwise. */
  public static final String AUDIENCE = "https://api.test";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String issuer;
  private final JWSAlgorithm algorithm;
  private final Clock clock;
  private final List<JWK> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private final AtomicInteger keyCounter = new AtomicInteger();
  private volatile JWK signingKey;
  private volatile int jwksStatus = 200;
  private volatile String cacheControl = "max-age=300";

  private TestIssuer(JWSAlgorithm algorithm, Clock clock) throws IOException {
    this.algorithm = algorithm;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signingKey = generate();
    published.add(signingKey);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/jwks", this::jwks);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-issuer");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
  }

  /** Starts an ES256 issuer on the system clock. */
  public static TestIssuer start() {
    return start("ES256", Clock.systemUTC());
  }

  /** Starts an issuer signing with {@code algorithm} (ES256, RS256 or EdDSA), minting on {@code clock}. */
  public static TestIssuer start(String algorithm, Clock clock) {
    JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
    if (!List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA).contains(alg)) {
      throw new IllegalArgumentException("TestIssuer signs with ES256, RS256 or EdDSA, not " + algorithm);
    }
    try {
      return new TestIssuer(alg, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer identifier, {@code http://127.0.0.1:<port>}: configure the verifier with it. */
  public String issuer() {
    return issuer;
  }

  /** The discovery document's URL. */
  public URI discoveryUri() {
    return URI.create(issuer + "/.well-known/openid-configuration");
  }

  /** The JWKS URL. */
  public URI jwksUri() {
    return URI.create(issuer + "/jwks");
  }

  /** A builder for an access token signed with the current key; sensible defaults for every claim. */
  public TestToken token() {
    return new TestToken(this, clock);
  }

  /** The current signing key's {@code kid}. */
  public String currentKeyId() {
    return signingKey.getKeyID();
  }

  /** The current signing key, private part included (for tests that forge tokens). */
  public JWK signingKey() {
    return signingKey;
  }

  /**
   * Makes a new key the signing key and publishes it; old keys stay published (as Gatehouse
   * keeps them until their tokens expire) until {@link #removeKey(String)}.
   *
   * @return the new key's {@code kid}
   */
  public String rotateKeys() {
    JWK fresh = generate();
    published.add(fresh);
    signingKey = fresh;
    return fresh.getKeyID();
  }

  /**
   * Publishes an extra key (never used for signing unless a token names its {@code kid}): for
   * tests of odd JWKS content, such as a key with {@code use=enc} or of the wrong type.
   */
  public void publishKey(JWK key) {
    published.add(key);
  }

  /** Stops publishing the key {@code kid}. */
  public void removeKey(String kid) {
    published.removeIf(k -> k.getKeyID().equals(kid));
  }

  /** The published JWKS (public keys only) as JSON. */
  public String jwksJson() {
    return new JWKSet(List.copyOf(published)).toPublicJWKSet().toString();
  }

  /** How many times the JWKS was requested. */
  public int jwksRequestCount() {
    return jwksRequests.get();
  }

  /** Makes the JWKS endpoint answer {@code status} (e.g. 503 for an outage); 200 restores it. */
  public void jwksStatus(int status) {
    this.jwksStatus = status;
  }

  /** Sets the JWKS response's {@code Cache-Control} header; default {@code max-age=300}. */
  public void cacheControl(String value) {
    this.cacheControl = value;
  }

  JWK signingKeyFor(String kid) {
    JWK current = signingKey;
    return published.stream()
        .filter(k -> k.getKeyID().equals(kid) && k.isPrivate() && k.getKeyType().equals(current.getKeyType()))
        .findFirst()
        .orElse(current);
  }

  JWSAlgorithm algorithm() {
    return algorithm;
  }

  private JWK generate() {
    String kid = "test-key-" + keyCounter.incrementAndGet();
    try {
      if (JWSAlgorithm.ES256.equals(algorithm)) {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
      }
      if (JWSAlgorithm.RS256.equals(algorithm)) {
        return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
      }
      return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("jwks_uri", jwksUri().toString());
    doc.put("token_endpoint", issuer + "/token");
    doc.put("id_token_signing_alg_values_supported", List.of(algorithm.getName()));
    respond(exchange, 200, JSONObjectUtils.toJSONString(doc), null);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    jwksRequests.incrementAndGet();
    int status = jwksStatus;
    respond(exchange, status, status == 200 ? jwksJson() : "{\"error\":\"unavailable\"}", cacheControl);
  }

  private static void respond(HttpExchange exchange, int status, String body, String cacheControl) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (cacheControl != null) {
      exchange.getResponseHeaders().set("Cache-Control", cacheControl);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
