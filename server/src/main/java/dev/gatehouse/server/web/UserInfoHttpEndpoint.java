package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.userinfo.UserInfoEndpoint;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET/POST /userinfo} (OIDC Core §5.3) with RFC 6750 §3 challenges. */
public final class UserInfoHttpEndpoint {
  private final UserInfoEndpoint endpoint;

  public UserInfoHttpEndpoint(UserInfoEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public Route route() {
    return Route.getAndPost("/userinfo", this::handle);
  }

  private void handle(Request request, Response response, Callback callback) {
    TokenHttpEndpoint.noStore(response);
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    boolean post = HttpMethod.POST.is(request.getMethod());
    Map<String, String> form = Map.of();
    try {
      // RFC 6750 §2.3 (URI query parameter) is not supported: a token in a URL ends up in logs.
      if (RequestParameters.query(request).containsKey("access_token")) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "Send the access token in the Authorization header or the form body, not in the URL.");
      }
      if (post && request.getHeaders().get(HttpHeader.CONTENT_TYPE) != null) {
        form = RequestParameters.form(request);
      }
      HttpResponses.json(response, callback, 200, endpoint.handle(authorization, form));
    } catch (OAuthException e) {
      bearerChallenge(response, e, authorization == null && !form.containsKey("access_token")
          && e.error() == OAuthError.INVALID_TOKEN);
      throw e;
    }
  }

  /**
   * RFC 6750 §3: every 401/403/400 of a protected resource carries a Bearer challenge; "If the
   * request lacks any authentication information ... the resource server SHOULD NOT include an
   * error code or other error information."
   */
  static void bearerChallenge(Response response, OAuthException e, boolean noCredentials) {
    String challenge = "Bearer realm=\"" + TokenHttpEndpoint.REALM + "\"";
    if (!noCredentials) {
      challenge += ", error=\"" + e.error().code() + "\", error_description=\""
          + e.description().replace("\\", "").replace("\"", "'") + "\"";
      if (e.error() == OAuthError.INSUFFICIENT_SCOPE) {
        challenge += ", scope=\"openid\"";
      }
    }
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
  }
}
