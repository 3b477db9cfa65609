package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link RegisteredClientRepository} on the {@code registered_clients} table. */
public final class JdbiRegisteredClientRepository implements RegisteredClientRepository {
  private static final String COLUMNS =
      "client_id, client_name, client_type, secret_hash, secret_rotated_at, redirect_uris,"
          + " grant_types, scopes, token_endpoint_auth_method, post_logout_redirect_uris,"
          + " first_party, access_token_ttl_seconds, refresh_token_ttl_seconds,"
          + " id_token_ttl_seconds, created_at, id_token_signed_response_alg, jwks::text AS jwks,"
          + " jwks_uri, allowed_cors_origins";
  private static final String INSERT_COLUMNS =
      "client_id, client_name, client_type, secret_hash, secret_rotated_at, redirect_uris,"
          + " grant_types, scopes, token_endpoint_auth_method, post_logout_redirect_uris,"
          + " first_party, access_token_ttl_seconds, refresh_token_ttl_seconds,"
          + " id_token_ttl_seconds, created_at, id_token_signed_response_alg, jwks, jwks_uri,"
          + " allowed_cors_origins";

  private final GuardedJdbi db;
  private final Clock clock;

  public JdbiRegisteredClientRepository(Jdbi jdbi, Clock clock) {
    this.db = new GuardedJdbi(jdbi);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void save(RegisteredClient c) {
    db.useHandle(h -> h.createUpdate("INSERT INTO registered_clients (" + INSERT_COLUMNS + ") VALUES ("
            + " :client_id, :client_name, :client_type, :secret_hash, :secret_rotated_at,"
            + " :redirect_uris, :grant_types, :scopes, :token_endpoint_auth_method,"
            + " :post_logout_redirect_uris, :first_party, :access_ttl, :refresh_ttl, :id_ttl,"
            + " :created_at, :id_alg, CAST(:jwks AS jsonb), :jwks_uri, :cors)"
            + " ON CONFLICT (client_id) DO UPDATE SET"
            + " client_name = EXCLUDED.client_name, client_type = EXCLUDED.client_type,"
            + " secret_hash = EXCLUDED.secret_hash, secret_rotated_at = EXCLUDED.secret_rotated_at,"
            + " redirect_uris = EXCLUDED.redirect_uris, grant_types = EXCLUDED.grant_types,"
            + " scopes = EXCLUDED.scopes,"
            + " token_endpoint_auth_method = EXCLUDED.token_endpoint_auth_method,"
            + " post_logout_redirect_uris = EXCLUDED.post_logout_redirect_uris,"
            + " first_party = EXCLUDED.first_party,"
            + " access_token_ttl_seconds = EXCLUDED.access_token_ttl_seconds,"
            + " refresh_token_ttl_seconds = EXCLUDED.refresh_token_ttl_seconds,"
            + " id_token_ttl_seconds = EXCLUDED.id_token_ttl_seconds,"
            + " id_token_signed_response_alg = EXCLUDED.id_token_signed_response_alg,"
            + " jwks = EXCLUDED.jwks, jwks_uri = EXCLUDED.jwks_uri,"
            + " allowed_cors_origins = EXCLUDED.allowed_cors_origins")
        .bind("client_id", c.clientId())
        .bind("client_name", c.clientName())
        .bind("client_type", c.clientType().name())
        .bind("secret_hash", c.secretHash())
        .bind("secret_rotated_at", Rows.timestamp(c.secretRotatedAt()))
        .bindArray("redirect_uris", String.class, c.redirectUris())
        .bindArray("grant_types", String.class, Rows.sorted(c.grantTypes()))
        .bindArray("scopes", String.class, Rows.sorted(c.scopes()))
        .bind("token_endpoint_auth_method", c.tokenEndpointAuthMethod())
        .bindArray("post_logout_redirect_uris", String.class, c.postLogoutRedirectUris())
        .bind("first_party", c.firstParty())
        .bind("access_ttl", seconds(c.accessTokenLifetime()))
        .bind("refresh_ttl", seconds(c.refreshTokenLifetime()))
        .bind("id_ttl", seconds(c.idTokenLifetime()))
        .bind("created_at", Rows.timestamp(c.createdAt()))
        .bind("id_alg", c.idTokenSignedResponseAlg())
        .bind("jwks", c.jwks())
        .bind("jwks_uri", c.jwksUri())
        .bindArray("cors", String.class, c.allowedCorsOrigins())
        .execute());
  }

  @Override
  public Optional<RegisteredClient> findById(String clientId) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM registered_clients WHERE client_id = :client_id")
        .bind("client_id", clientId)
        .map(JdbiRegisteredClientRepository::map)
        .findOne());
  }

  @Override
  public List<RegisteredClient> list() {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM registered_clients ORDER BY client_id COLLATE \"C\"")
        .map(JdbiRegisteredClientRepository::map)
        .list());
  }

  @Override
  public boolean delete(String clientId) {
    return db.withHandle(h -> h.createUpdate("DELETE FROM registered_clients WHERE client_id = :client_id")
        .bind("client_id", clientId)
        .execute()) > 0;
  }

  @Override
  public boolean updateSecretHash(String clientId, String secretHash) {
    return db.withHandle(h -> h.createUpdate("UPDATE registered_clients"
            + " SET secret_hash = :secret_hash, secret_rotated_at = :now WHERE client_id = :client_id")
        .bind("client_id", clientId)
        .bind("secret_hash", secretHash)
        .bind("now", Rows.timestamp(clock.instant()))
        .execute()) > 0;
  }

  @Override
  public Set<String> allowedCorsOrigins() {
    return db.withHandle(h -> Set.copyOf(h.createQuery(
            "SELECT DISTINCT unnest(allowed_cors_origins) FROM registered_clients")
        .mapTo(String.class)
        .list()));
  }

  private static Long seconds(Duration lifetime) {
    return lifetime == null ? null : lifetime.getSeconds();
  }

  private static Duration duration(ResultSet rs, String column) throws SQLException {
    Long seconds = rs.getObject(column, Long.class);
    return seconds == null ? null : Duration.ofSeconds(seconds);
  }

  private static RegisteredClient map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RegisteredClient(
        rs.getString("client_id"),
        rs.getString("client_name"),
        ClientType.valueOf(rs.getString("client_type")),
        rs.getString("secret_hash"),
        Rows.instant(rs, "secret_rotated_at"),
        Rows.textList(rs, "redirect_uris"),
        Rows.textSet(rs, "grant_types"),
        Rows.textSet(rs, "scopes"),
        rs.getString("token_endpoint_auth_method"),
        Rows.textList(rs, "post_logout_redirect_uris"),
        rs.getBoolean("first_party"),
        duration(rs, "access_token_ttl_seconds"),
        duration(rs, "refresh_token_ttl_seconds"),
        duration(rs, "id_token_ttl_seconds"),
        Rows.instant(rs, "created_at"),
        rs.getString("id_token_signed_response_alg"),
        rs.getString("jwks"),
        rs.getString("jwks_uri"),
        Rows.textList(rs, "allowed_cors_origins"));
  }
}
