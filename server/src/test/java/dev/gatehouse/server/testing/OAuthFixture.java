package dev.gatehouse.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.store.AuthorizationCode;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.tokens.SecretHasher;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import dev.gatehouse.server.tokens.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the authorization-endpoint tests share: a node, clients and users registered through the
 * same code the CLI uses, and read access to what was stored for a code.
 */
public final class OAuthFixture implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";
  public final TestNode node;
  private final Jdbi jdbi;
  private final SecretHasher hasher;

  public OAuthFixture(Map<String, String> overrides) {
    this.node = TestNode.start(overrides);
    this.jdbi = Jdbi.create(node.env.get("GATEHOUSE_DATABASE_URL"), "postgres", "postgres");
    this.hasher = SecretHasher.fromBase64Url(node.env.get("GATEHOUSE_SECRET_HASH_KEY"));
  }

  public OAuthFixture() {
    this(Map.of());
  }

  public String issuer() {
    return node.node().issuer().toString();
  }

  /** A public client (PKCE required) with these redirect URIs and scopes openid profile email. */
  public String publicClient(String clientId, List<String> redirectUris, boolean firstParty) {
    node.node().clients().register(new ClientMetadata(clientId, "App " + clientId, ClientType.PUBLIC,
        Optional.empty(), redirectUris, Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "email", "offline_access"), Optional.of("none"),
        List.of("https://" + clientId + ".example/bye"), firstParty));
    return clientId;
  }

  /** A confidential client; returns its id. */
  public String confidentialClient(String clientId, List<String> redirectUris, boolean firstParty) {
    node.node().clients().register(new ClientMetadata(clientId, "App " + clientId, ClientType.CONFIDENTIAL,
        Optional.empty(), redirectUris, Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "email"), Optional.empty(),
        List.of("https://" + clientId + ".example/bye"), firstParty));
    return clientId;
  }

  public User user(String username) {
    return node.node().users().register(username, username + "@example.com", null, PASSWORD.toCharArray());
  }

  /** A fresh S256 pair: [verifier, challenge]. */
  public static String[] pkce() {
    String verifier = SecretHasher.generateSecret() + "xyz";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return new String[] {verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest)};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid code-flow request for a public client, to be varied by each test. */
  public static Map<String, String> request(String clientId, String redirectUri) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", clientId);
    p.put("redirect_uri", redirectUri);
    p.put("scope", "openid profile");
    p.put("state", "st-" + UUID.randomUUID());
    p.put("nonce", "n-" + UUID.randomUUID());
    p.put("code_challenge", pkce()[1]);
    p.put("code_challenge_method", "S256");
    return p;
  }

  /** The grant and code stored for a raw code (by its hash), as the token endpoint will read them. */
  public record Stored(AuthorizationGrant grant, AuthorizationCode code) {}

  public Stored stored(String rawCode) {
    String hash = hasher.hash(rawCode);
    AuthorizationCode code = jdbi.withHandle(h -> h.createQuery("SELECT * FROM authorization_codes WHERE code_hash = :h")
        .bind("h", hash)
        .map((rs, ctx) -> new AuthorizationCode(rs.getString("code_hash"), rs.getObject("grant_id", UUID.class),
            rs.getString("redirect_uri"), rs.getString("code_challenge"), rs.getString("code_challenge_method"),
            rs.getString("nonce"), instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("consumed_at")),
            instant(rs.getTimestamp("revoked_at"))))
        .findOne().orElseThrow(() -> new AssertionError("no code stored for that value")));
    AuthorizationGrant grant = new JdbiAuthorizationGrantRepository(jdbi).findById(code.grantId()).orElseThrow();
    return new Stored(grant, code);
  }

  public long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  public List<String> eventTypes() {
    return jdbi.withHandle(h -> h.createQuery("SELECT event_type FROM outbox_events ORDER BY position")
        .mapTo(String.class).list());
  }

  /** An ID token as the token endpoint would sign it (RS256 key of this node). */
  public String idToken(String subject, String clientId, Instant expiresAt) {
    SigningKey key = node.node().keyRing().signingKey(SigningAlgorithm.RS256);
    SignedJWT jwt = new SignedJWT(key.header().build(), new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(subject).audience(clientId)
        .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt)).build());
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  @Override
  public void close() {
    node.close();
  }
}
