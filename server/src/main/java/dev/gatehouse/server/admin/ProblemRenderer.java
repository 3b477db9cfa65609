package dev.gatehouse.server.admin;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.StoreUnavailableException;
import dev.gatehouse.server.web.HttpResponses;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place admin API errors become responses: RFC 9457 {@code application/problem+json}
 * with {@code type, title, status, detail}. Bearer failures also carry the RFC 6750 §3
 * {@code WWW-Authenticate} challenge (no error code when no credentials were sent); a lost
 * database is 503 with {@code Retry-After}; anything unexpected is a 500 whose cause is logged,
 * never shown.
 */
final class ProblemRenderer {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final String REALM = "gatehouse";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(ProblemRenderer.class);

  private ProblemRenderer() {}

  static void render(Response response, Callback callback, Throwable failure, boolean sentCredentials) {
    if (response.isCommitted()) {
      callback.failed(failure);
      return;
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Problem problem = classify(failure, sentCredentials, response);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      bytes = ("{\"title\":\"Internal Server Error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
    }
    HttpResponses.send(response, callback, problem.status(), CONTENT_TYPE, bytes);
  }

  private static Problem classify(Throwable failure, boolean sentCredentials, Response response) {
    if (failure instanceof Problem p) {
      return p;
    }
    if (failure instanceof OAuthException e && e.error() == OAuthError.INVALID_TOKEN) {
      String challenge = "Bearer realm=\"" + REALM + "\"";
      if (sentCredentials) {
        challenge += ", error=\"invalid_token\", error_description=\"" + quoted(e.description()) + "\"";
      }
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
      return new Problem("urn:gatehouse:problem:invalid-token", "Unauthorized", 401, e.description());
    }
    if (failure instanceof OAuthException e && e.error() == OAuthError.INSUFFICIENT_SCOPE) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
          + "\", error=\"insufficient_scope\", error_description=\"" + quoted(e.description())
          + "\", scope=\"" + AuditEventsEndpoint.SCOPE + "\"");
      return new Problem("urn:gatehouse:problem:insufficient-scope", "Forbidden", 403, e.description());
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        log.warn("database unavailable during an admin request: {}", t.getMessage());
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        return new Problem("about:blank", "Service Unavailable", 503,
            "The service is temporarily unavailable; retry shortly.");
      }
    }
    log.error("unexpected failure while handling an admin request", failure);
    return new Problem("about:blank", "Internal Server Error", 500, "An unexpected error occurred.");
  }

  private static String quoted(String text) {
    return text.replace("\\", "").replace("\"", "'");
  }
}
