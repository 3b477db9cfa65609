package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.revoke.RevocationEndpoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /revoke} (RFC 7009 §2): 200 with an empty body, or an RFC 6749 §5.2 error. */
public final class RevocationHttpEndpoint {
  private final RevocationEndpoint endpoint;

  public RevocationHttpEndpoint(RevocationEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public Route route() {
    return Route.post("/revoke", this::handle);
  }

  private void handle(Request request, Response response, Callback callback) {
    TokenHttpEndpoint.noStore(response);
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    try {
      endpoint.handle(RequestParameters.form(request), authorization);
      // RFC 7009 §2.2: "The content of the response body is ignored by the client".
      HttpResponses.send(response, callback, 200, "application/json", "{}");
    } catch (OAuthException e) {
      TokenHttpEndpoint.challengeBasic(response, authorization, e);
      throw e;
    }
  }
}
