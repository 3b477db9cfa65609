package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty itself raises before an endpoint runs (malformed URI, oversized
 * headers, ...) in the same JSON shape as every other error, never as an HTML page with a stack.
 */
final class JettyErrorHandler extends ErrorHandler {
  JettyErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_STATUS) instanceof Integer s) {
      status = s;
    }
    OAuthError error = OAuthError.forStatus(status);
    String description = request.getAttribute(ERROR_MESSAGE) instanceof String m && !m.isBlank()
        ? m : "The request could not be processed.";
    if (error == OAuthError.SERVER_ERROR) {
      description = "An unexpected error occurred.";
    }
    ErrorRenderer.write(response, callback, new OAuthException(error, description));
    return true;
  }
}
