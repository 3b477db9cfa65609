package dev.gatehouse.server.protocol.discovery;

import dev.gatehouse.server.protocol.token.ClientAssertionVerifier;
import dev.gatehouse.server.protocol.userinfo.UserClaims;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The provider's metadata, served as OpenID Provider Metadata (OIDC Discovery 1.0 §3) and as
 * OAuth 2.0 Authorization Server Metadata (RFC 8414 §2): one document, so the two never disagree.
 * Every value is something the provider does (issue 3: "complete and truthful").
 */
public final class ProviderMetadata {
  public static final String ACR_PASSWORD = "urn:gatehouse:acr:password";

  private ProviderMetadata() {}

  /** @param signingAlgorithms the configured JOSE algorithms (ID tokens may use any of them) */
  public static Map<String, Object> document(URI issuer, List<String> signingAlgorithms) {
    String base = issuer.toString();
    List<String> assertionAlgs = new ArrayList<>();
    ClientAssertionVerifier.ALGORITHMS.forEach(a -> assertionAlgs.add(a.getName()));
    assertionAlgs.sort(null);
    List<String> confidentialMethods = List.of("client_secret_basic", "client_secret_post", "private_key_jwt");
    List<String> allMethods = List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    Map<String, Object> m = new LinkedHashMap<>();
    // RFC 8414 §2 / OIDC Discovery §3: the issuer exactly as it appears in iss claims.
    m.put("issuer", base);
    m.put("authorization_endpoint", base + "/authorize");
    m.put("token_endpoint", base + "/token");
    m.put("userinfo_endpoint", base + "/userinfo");
    m.put("jwks_uri", base + "/.well-known/jwks.json");
    m.put("introspection_endpoint", base + "/introspect");
    m.put("revocation_endpoint", base + "/revoke");
    m.put("end_session_endpoint", base + "/logout");
    m.put("scopes_supported", List.of("openid", "profile", "email", "address", "phone", "offline_access"));
    m.put("response_types_supported", List.of("code"));
    m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
    m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
    m.put("code_challenge_methods_supported", List.of("S256"));
    m.put("acr_values_supported", List.of(ACR_PASSWORD));
    m.put("subject_types_supported", List.of("public"));
    m.put("id_token_signing_alg_values_supported", List.copyOf(new TreeSet<>(signingAlgorithms)));
    m.put("token_endpoint_auth_methods_supported", allMethods);
    m.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    m.put("introspection_endpoint_auth_methods_supported", confidentialMethods);
    m.put("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    m.put("revocation_endpoint_auth_methods_supported", allMethods);
    m.put("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    m.put("claim_types_supported", List.of("normal"));
    m.put("claims_supported", claims());
    m.put("claims_parameter_supported", true);
    m.put("request_parameter_supported", false);
    m.put("request_uri_parameter_supported", false);
    m.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
    m.put("ui_locales_supported", List.of("en"));
    // RFC 9207 §3: every authorization response carries iss.
    m.put("authorization_response_iss_parameter_supported", true);
    return m;
  }

  private static List<String> claims() {
    TreeSet<String> claims = new TreeSet<>(UserClaims.SUPPORTED);
    claims.addAll(List.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "sid"));
    return List.copyOf(claims);
  }
}
