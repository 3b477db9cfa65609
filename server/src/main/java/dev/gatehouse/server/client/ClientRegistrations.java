package dev.gatehouse.server.client;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.DuplicateKeyException;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.tokens.SecretHasher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registers, lists, deletes clients and rotates their secrets. Secrets are generated with 256
 * bits of entropy (or given, then at least 32 characters), shown once to the caller, and stored
 * only as a keyed hash (DESIGN.md §6: a fast hash, because they are high-entropy).
 */
public final class ClientRegistrations {
  static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");
  static final Set<String> CONFIDENTIAL_AUTH_METHODS =
      Set.of("client_secret_basic", "client_secret_post", "private_key_jwt");
  static final Set<String> ID_TOKEN_ALGS = Set.of("RS256", "ES256", "EdDSA");
  static final int MIN_SECRET_LENGTH = 32;
  // Unreserved characters only (RFC 3986 §2.3): safe in HTTP Basic, forms and URLs unescaped.
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private final RegisteredClientRepository clients;
  private final Transactions transactions;
  private final EventLog events;
  private final SecretHasher hasher;
  private final Clock clock;

  public ClientRegistrations(RegisteredClientRepository clients, Transactions transactions,
      EventLog events, SecretHasher hasher, Clock clock) {
    this.clients = clients;
    this.transactions = transactions;
    this.events = events;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** A registered client and, for a confidential one, its secret in clear (shown once). */
  public record Registered(RegisteredClient client, Optional<String> secret) {
    @Override
    public String toString() {
      return "Registered[" + client.clientId() + "]";
    }
  }

  public Registered register(ClientMetadata request) {
    if (!CLIENT_ID.matcher(request.clientId()).matches()) {
      throw new InvalidClientMetadataException("client id must be 1-128 characters of A-Z a-z 0-9 . _ ~ -");
    }
    boolean confidential = request.clientType() == ClientType.CONFIDENTIAL;
    for (String uri : request.redirectUris()) {
      RedirectUriRules.check(uri, "redirect URI");
    }
    for (String uri : request.postLogoutRedirectUris()) {
      RedirectUriRules.check(uri, "post-logout redirect URI");
    }
    Set<String> grantTypes = grantTypes(request, confidential);
    Set<String> scopes = scopes(request, grantTypes);
    String authMethod = authMethod(request, confidential);

    String idTokenAlg = request.idTokenSignedResponseAlg().orElse(RegisteredClient.DEFAULT_ID_TOKEN_ALG);
    if (!ID_TOKEN_ALGS.contains(idTokenAlg)) {
      throw new InvalidClientMetadataException("id_token_signed_response_alg must be RS256, ES256 or EdDSA, got '"
          + idTokenAlg + "'");
    }
    ClientKeys.check(authMethod, request.jwks(), request.jwksUri());
    List<String> origins = ClientKeys.origins(request.allowedCorsOrigins());

    Optional<String> secret = Optional.empty();
    if (authMethod.equals("private_key_jwt")) {
      if (request.secret().isPresent()) {
        throw new InvalidClientMetadataException("a private_key_jwt client authenticates with its keys, not a secret");
      }
    } else if (confidential) {
      secret = Optional.of(request.secret().orElseGet(SecretHasher::generateSecret));
      checkSecret(secret.get());
    } else if (request.secret().isPresent()) {
      // RFC 6749 §2.1: a public client cannot keep a secret, so it is not given one.
      throw new InvalidClientMetadataException("a public client has no secret");
    }

    Instant now = now();
    RegisteredClient client = new RegisteredClient(request.clientId(),
        request.clientName().isBlank() ? request.clientId() : request.clientName(),
        request.clientType(), secret.map(hasher::hash).orElse(null), secret.isPresent() ? now : null,
        request.redirectUris(), grantTypes, scopes, authMethod, request.postLogoutRedirectUris(),
        request.firstParty(), null, null, null, now, idTokenAlg, request.jwks().orElse(null),
        request.jwksUri().orElse(null), origins);
    transactions.run(() -> {
      // save() is an upsert; registering must never silently replace an existing client.
      if (clients.findById(client.clientId()).isPresent()) {
        throw new DuplicateKeyException("client '" + client.clientId() + "'", null);
      }
      clients.save(client);
      events.record(new AuthEvent.ClientCreated(client.clientId(), client.clientType().name().toLowerCase(Locale.ROOT),
          client.redirectUris(), client.grantTypes(), client.scopes(), now));
    });
    return new Registered(client, secret);
  }

  /** Replaces the secret of a confidential client; the old one stops working at once. */
  public String rotateSecret(String clientId, Optional<String> given) {
    RegisteredClient client = find(clientId);
    if (client.clientType() != ClientType.CONFIDENTIAL) {
      throw new InvalidClientMetadataException("client '" + clientId + "' is public and has no secret");
    }
    if (client.tokenEndpointAuthMethod().equals("private_key_jwt")) {
      throw new InvalidClientMetadataException("client '" + clientId + "' authenticates with private_key_jwt and has no secret");
    }
    String secret = given.orElseGet(SecretHasher::generateSecret);
    checkSecret(secret);
    Instant now = now();
    transactions.run(() -> {
      clients.updateSecretHash(clientId, hasher.hash(secret));
      events.record(new AuthEvent.ClientSecretRotated(clientId, now));
    });
    return secret;
  }

  public boolean delete(String clientId) {
    return transactions.inTransaction(() -> {
      boolean deleted = clients.delete(clientId);
      if (deleted) {
        events.record(new AuthEvent.ClientDeleted(clientId, clock.instant()));
      }
      return deleted;
    });
  }

  public List<RegisteredClient> list() {
    return clients.list();
  }

  public RegisteredClient find(String clientId) {
    return clients.findById(clientId)
        .orElseThrow(() -> new NoSuchElementException("no client '" + clientId + "'"));
  }

  private static Set<String> grantTypes(ClientMetadata request, boolean confidential) {
    Set<String> grantTypes = new LinkedHashSet<>(request.grantTypes());
    if (grantTypes.isEmpty()) {
      if (!request.redirectUris().isEmpty() || !confidential) {
        grantTypes.add("authorization_code");
        grantTypes.add("refresh_token");
      } else {
        grantTypes.add("client_credentials");
      }
    }
    for (String grant : grantTypes) {
      if (!GRANT_TYPES.contains(grant)) {
        throw new InvalidClientMetadataException("grant type '" + grant
            + "' is not supported; use authorization_code, refresh_token or client_credentials"
            + " (OAuth 2.1 has no implicit or password grant)");
      }
    }
    if (!confidential && grantTypes.contains("client_credentials")) {
      // RFC 6749 §4.4: the client credentials grant is for confidential clients only.
      throw new InvalidClientMetadataException("a public client cannot use client_credentials");
    }
    if (grantTypes.contains("authorization_code") && request.redirectUris().isEmpty()) {
      throw new InvalidClientMetadataException("authorization_code needs at least one redirect URI");
    }
    return grantTypes;
  }

  private static Set<String> scopes(ClientMetadata request, Set<String> grantTypes) {
    Set<String> scopes = new LinkedHashSet<>(request.scopes());
    if (scopes.isEmpty() && grantTypes.contains("authorization_code")) {
      scopes.addAll(List.of("openid", "profile", "email", "offline_access"));
    }
    for (String scope : scopes) {
      if (!SCOPE_TOKEN.matcher(scope).matches()) {
        throw new InvalidClientMetadataException("scope '" + scope + "' is not a valid scope token (RFC 6749 §3.3)");
      }
    }
    return scopes;
  }

  private static String authMethod(ClientMetadata request, boolean confidential) {
    if (!confidential) {
      String method = request.tokenEndpointAuthMethod().orElse("none");
      if (!method.equals("none")) {
        throw new InvalidClientMetadataException("a public client authenticates with 'none', not '" + method + "'");
      }
      return method;
    }
    String method = request.tokenEndpointAuthMethod().orElse("client_secret_basic");
    if (!CONFIDENTIAL_AUTH_METHODS.contains(method)) {
      throw new InvalidClientMetadataException("token endpoint auth method '" + method
          + "' is not supported for a confidential client; use client_secret_basic, client_secret_post or private_key_jwt");
    }
    return method;
  }

  private static void checkSecret(String secret) {
    if (secret.length() < MIN_SECRET_LENGTH || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new InvalidClientMetadataException("a client secret must be at least " + MIN_SECRET_LENGTH
          + " printable ASCII characters without spaces (it is stored with a fast hash, so it must be"
          + " high-entropy; omit it to have one generated)");
    }
  }

  /** PostgreSQL keeps microseconds; truncating here makes what we return equal what is stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
