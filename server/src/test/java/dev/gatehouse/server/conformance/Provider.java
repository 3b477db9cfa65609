package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.store.AuthorizationCode;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.GrantDetails;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserRepository;
import dev.gatehouse.server.store.UserStatus;
import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestNode;
import dev.gatehouse.server.tokens.SecretHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * A real node plus direct access to its database, to register clients and users and to play
 * the authorization endpoint's part of the contract (a grant and its code stored through
 * {@link AuthorizationGrantRepository#save(AuthorizationGrant, AuthorizationCode)}).
 */
public final class Provider implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String ACR = "urn:gatehouse:acr:password";
  public final TestNode node;
  public final PostgresDatabase database;
  public final RegisteredClientRepository clients;
  public final UserRepository users;
  public final AuthorizationGrantRepository grants;
  public final SecretHasher hasher;

  private Provider(TestNode node) {
    this.node = node;
    this.database = PostgresDatabase.open(node.env.get("GATEHOUSE_DATABASE_URL"), "postgres", "postgres", 2);
    this.clients = new JdbiRegisteredClientRepository(database.jdbi(), Clock.systemUTC());
    this.users = new JdbiUserRepository(database.jdbi());
    this.grants = new JdbiAuthorizationGrantRepository(database.jdbi());
    this.hasher = SecretHasher.fromBase64Url(node.env.get("GATEHOUSE_SECRET_HASH_KEY"));
  }

  public static Provider start() {
    return start(Map.of());
  }

  public static Provider start(Map<String, String> env) {
    return new Provider(TestNode.start(env));
  }

  public String issuer() {
    return node.uri("").toString();
  }

  // ---- clients -------------------------------------------------------------------------------

  /** A confidential client; returns its secret. */
  public String confidential(String clientId, String authMethod, Set<String> grantTypes, Set<String> scopes) {
    String secret = SecretHasher.generateSecret();
    save(client(clientId, ClientType.CONFIDENTIAL, hasher.hash(secret), authMethod, grantTypes, scopes,
        "RS256", null, List.of()));
    return secret;
  }

  public void publicClient(String clientId, Set<String> grantTypes, Set<String> scopes) {
    save(client(clientId, ClientType.PUBLIC, null, "none", grantTypes, scopes, "RS256", null, List.of()));
  }

  public static RegisteredClient client(String clientId, ClientType type, String secretHash, String authMethod,
      Set<String> grantTypes, Set<String> scopes, String idTokenAlg, String jwks, List<String> corsOrigins) {
    return new RegisteredClient(clientId, clientId, type, secretHash, null,
        List.of("https://app.example/cb"), grantTypes, scopes, authMethod, List.of(), false, null, null, null,
        Instant.now().truncatedTo(ChronoUnit.MICROS), idTokenAlg, jwks, null, corsOrigins);
  }

  public void save(RegisteredClient client) {
    clients.save(client);
  }

  // ---- users and codes -----------------------------------------------------------------------

  public User user(String username) {
    User user = new User(UUID.randomUUID(), username, username + "@example.com", true, "Name " + username,
        UserStatus.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MICROS));
    users.create(user);
    return user;
  }

  /** What the authorization endpoint stores; builder-style so tests vary one thing at a time. */
  public final class CodeBuilder {
    final String clientId;
    final UUID userId;
    Set<String> scopes = Set.of("openid");
    String redirectUri = "https://app.example/cb";
    String verifier;
    boolean pkce = true;
    String nonce = "n-0S6_WzA2Mj";
    Instant authTime = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    String claimsRequest;
    List<String> resources = List.of();
    Duration lifetime = Duration.ofSeconds(60);
    public UUID grantId;

    CodeBuilder(String clientId, UUID userId) {
      this.clientId = clientId;
      this.userId = userId;
    }

    public CodeBuilder scopes(String... scopes) {
      this.scopes = Set.of(scopes);
      return this;
    }

    public CodeBuilder noPkce() {
      this.pkce = false;
      return this;
    }

    public CodeBuilder nonce(String nonce) {
      this.nonce = nonce;
      return this;
    }

    public CodeBuilder claims(String json) {
      this.claimsRequest = json;
      return this;
    }

    public CodeBuilder resources(String... resources) {
      this.resources = List.of(resources);
      return this;
    }

    public CodeBuilder lifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /** Stores grant + code; returns the raw code. The PKCE verifier is then {@link #verifier}. */
    public String issue() {
      String code = SecretHasher.generateSecret();
      grantId = UUID.randomUUID();
      verifier = pkce ? SecretHasher.generateSecret() + "-verifier" : null;
      Instant now = Instant.now();
      grants.save(new AuthorizationGrant(grantId, clientId, userId, scopes, now, null,
              new GrantDetails(authTime, ACR, List.of("pwd"), "sid-" + grantId, claimsRequest, resources)),
          AuthorizationCode.issued(hasher.hash(code), grantId, redirectUri,
              pkce ? s256(verifier) : null, pkce ? "S256" : null, nonce, now.plus(lifetime)));
      return code;
    }

    public String verifier() {
      return verifier;
    }

    public Instant authTime() {
      return authTime;
    }
  }

  public CodeBuilder code(String clientId, UUID userId) {
    return new CodeBuilder(clientId, userId);
  }

  public static String s256(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  public static String form(String... pairs) {
    StringJoiner body = new StringJoiner("&");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        body.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
      }
    }
    return body.toString();
  }

  public static String basic(String clientId, String secret) {
    String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return node.send(request.build());
  }

  public HttpResponse<String> token(String authorization, String... pairs) {
    return post("/token", authorization, form(pairs));
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).GET();
    headers.forEach(request::header);
    return node.send(request.build());
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  public URI uri(String path) {
    return node.uri(path);
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      node.close();
    }
  }
}
