package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.introspect.IntrospectionEndpoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /introspect} (RFC 7662 §2). */
public final class IntrospectionHttpEndpoint {
  private final IntrospectionEndpoint endpoint;

  public IntrospectionHttpEndpoint(IntrospectionEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public Route route() {
    return Route.post("/introspect", this::handle);
  }

  private void handle(Request request, Response response, Callback callback) {
    TokenHttpEndpoint.noStore(response);
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    try {
      HttpResponses.json(response, callback, 200, endpoint.handle(RequestParameters.form(request), authorization));
    } catch (OAuthException e) {
      TokenHttpEndpoint.challengeBasic(response, authorization, e);
      throw e;
    }
  }
}
