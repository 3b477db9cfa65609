package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.IdTokenHints;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.RedirectTarget;
import dev.gatehouse.server.protocol.ResponseMode;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import java.util.List;
import java.util.Set;

/**
 * The authorization endpoint's checks, in the order the specs need them (after
 * node-oidc-provider's {@code lib/actions/authorization/index.js}):
 *
 * <ol>
 *   <li>client and redirect URI — failures are shown to the user, never redirected
 *       (RFC 6749 §4.1.2.1);
 *   <li>everything else — failures go back to the validated redirect URI with {@code state} and
 *       {@code iss} (RFC 6749 §4.1.2.1, RFC 9207 §2).
 * </ol>
 */
public final class AuthorizationRequestValidator {
  private final RegisteredClientRepository clients;
  private final IdTokenHints idTokenHints;
  private final String issuer;

  public AuthorizationRequestValidator(RegisteredClientRepository clients, IdTokenHints idTokenHints, String issuer) {
    this.clients = clients;
    this.idTokenHints = idTokenHints;
    this.issuer = issuer;
  }

  public AuthorizationRequest validate(AuthorizationParameters p) {
    RegisteredClient client = ClientCheck.registeredClient(clients, p.get("client_id"));
    String redirectUri = RedirectUriCheck.check(client, p.get("redirect_uri"));

    // From here on the redirect URI is trusted: errors are redirected.
    RedirectTarget target = new RedirectTarget(redirectUri, ResponseMode.QUERY, p.get("state"), issuer);
    try {
      ResponseMode mode = ResponseTypeCheck.responseMode(p.get("response_mode"));
      target = target.withResponseMode(mode);
      ResponseTypeCheck.noRequestObject(p);
      ResponseTypeCheck.codeOnly(p.get("response_type"), client);
      List<String> scopes = ScopeCheck.scopes(p.get("scope"), client);
      String challenge = PkceCheck.challenge(p.get("code_challenge"), p.get("code_challenge_method"), client);
      Set<String> prompt = InteractionCheck.prompt(p.get("prompt"));
      Long maxAge = InteractionCheck.maxAge(p.get("max_age"));
      String claims = ClaimsCheck.claims(p.get("claims"));
      List<String> resources = ClaimsCheck.resources(p.resources());
      String hintSubject = idTokenHintSubject(p.get("id_token_hint"), client);
      return new AuthorizationRequest(client.clientId(), redirectUri, mode, p.get("state"), issuer,
          scopes, p.get("nonce"), challenge, challenge == null ? null : "S256", prompt, maxAge,
          p.get("login_hint"), hintSubject, claims, resources, p.get("acr_values"),
          p.get("ui_locales"), p.get("display"));
    } catch (OAuthException e) {
      throw e.redirectTo(target);
    }
  }

  /**
   * OIDC Core §3.1.2.1: an ID token "previously issued by the Authorization Server"; it may be
   * expired. One we did not sign is an invalid request.
   */
  private String idTokenHintSubject(String hint, RegisteredClient client) {
    if (hint == null) {
      return null;
    }
    IdTokenHints.IdTokenHint verified = idTokenHints.verify(hint).orElseThrow(() ->
        new OAuthException(OAuthError.INVALID_REQUEST, "id_token_hint is not an ID token issued by this server."));
    if (!verified.audience().contains(client.clientId())) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "id_token_hint was issued to another client.");
    }
    return verified.subject();
  }
}
