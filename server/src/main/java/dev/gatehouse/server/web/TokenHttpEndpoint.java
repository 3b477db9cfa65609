package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.token.TokenEndpoint;
import dev.gatehouse.server.protocol.token.TokenResponse;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /token}: HTTP in, {@link TokenEndpoint}, JSON out (RFC 6749 §5.1, §5.2). */
public final class TokenHttpEndpoint {
  static final String REALM = "gatehouse";
  private final TokenEndpoint endpoint;

  public TokenHttpEndpoint(TokenEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public Route route() {
    return Route.post("/token", this::handle);
  }

  private void handle(Request request, Response response, Callback callback) {
    noStore(response);
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    try {
      Map<String, String> parameters = RequestParameters.form(request);
      TokenResponse tokens = endpoint.handle(parameters, authorization);
      HttpResponses.json(response, callback, 200, tokens.toJson());
    } catch (OAuthException e) {
      challengeBasic(response, authorization, e);
      throw e;
    }
  }

  /**
   * RFC 6749 §5.1: "Cache-Control: no-store" and "Pragma: no-cache" on every response with
   * tokens or credentials; set first, so errors carry them too.
   */
  static void noStore(Response response) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
  }

  /**
   * RFC 6749 §5.2 invalid_client: "If the client attempted to authenticate via the
   * "Authorization" request header field, the authorization server MUST respond with an HTTP 401
   * (Unauthorized) status code and include the "WWW-Authenticate" response header field matching
   * the authentication scheme used by the client."
   */
  static void challengeBasic(Response response, String authorization, OAuthException e) {
    if (e.error() == OAuthError.INVALID_CLIENT && authorization != null
        && authorization.toLowerCase(Locale.ROOT).startsWith("basic")) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
    }
  }
}
