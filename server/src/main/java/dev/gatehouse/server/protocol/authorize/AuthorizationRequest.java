package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.RedirectTarget;
import dev.gatehouse.server.protocol.ResponseMode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An authorization request that passed every check of {@link AuthorizationRequestValidator}:
 * what the client asked for, in spec vocabulary (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core
 * §3.1.2.1, RFC 8707 §2). Nullable: {@code state}, {@code nonce}, the PKCE pair,
 * {@code maxAge}, {@code loginHint}, {@code idTokenHintSubject}, {@code claims}, {@code
 * acrValues}, {@code uiLocales}, {@code display}. Kept as JSON while the user is on our pages.
 */
public record AuthorizationRequest(
    String clientId,
    String redirectUri,
    ResponseMode responseMode,
    String state,
    String issuer,
    List<String> scopes,
    String nonce,
    String codeChallenge,
    String codeChallengeMethod,
    Set<String> prompt,
    Long maxAge,
    String loginHint,
    String idTokenHintSubject,
    String claims,
    List<String> resources,
    String acrValues,
    String uiLocales,
    String display) {

  public AuthorizationRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(responseMode, "responseMode");
    Objects.requireNonNull(issuer, "issuer");
    scopes = List.copyOf(scopes);
    prompt = Set.copyOf(prompt);
    resources = List.copyOf(resources);
  }

  /** OIDC Core §3.1.2.1: a request whose scope contains {@code openid} is an OpenID request. */
  public boolean isOpenId() {
    return scopes.contains("openid");
  }

  public boolean prompts(String value) {
    return prompt.contains(value);
  }

  public RedirectTarget target() {
    return new RedirectTarget(redirectUri, responseMode, state, issuer);
  }
}
