package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.RedirectTarget;
import dev.gatehouse.server.ui.ErrorPage;
import dev.gatehouse.server.store.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP responses: an RFC 6749 §5.2 JSON body
 * ({@code error}, {@code error_description}) with {@code Cache-Control: no-store}. A lost
 * database is a 503 with {@code Retry-After}; anything unexpected is a 500 whose cause goes to
 * the log only, never to the client.
 */
public final class ErrorRenderer {
  static final String RETRY_AFTER_SECONDS = "5";
  private static final Logger log = LoggerFactory.getLogger(ErrorRenderer.class);

  private ErrorRenderer() {}

  public static void render(Response response, Callback callback, Throwable failure) {
    OAuthException error = classify(failure);
    if (error.error() == OAuthError.SERVER_ERROR) {
      log.error("unexpected failure while handling a request", failure);
    } else if (error.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
      log.warn("database unavailable: {}", rootMessage(failure));
    }
    write(response, callback, error);
  }

  public static void write(Response response, Callback callback, OAuthException error) {
    if (response.isCommitted()) {
      callback.failed(error);
      return;
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (error.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error.error().code());
    body.put("error_description", error.description());
    HttpResponses.json(response, callback, error.error().status(), body);
  }

  /**
   * Errors of the authorization endpoint and its pages (RFC 6749 §4.1.2.1): once the redirect URI
   * is validated the error goes back to the client with {@code state} and {@code iss} (RFC 9207);
   * before that — unknown client, unregistered redirect URI — and for our own pages it is shown
   * as an HTML page and never redirected.
   */
  public static void renderForBrowser(Response response, Callback callback, Throwable failure) {
    OAuthException error = classify(failure);
    if (error.error() == OAuthError.SERVER_ERROR) {
      log.error("unexpected failure while handling a browser request", failure);
    } else if (error.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
      log.warn("database unavailable: {}", rootMessage(failure));
    }
    if (response.isCommitted()) {
      callback.failed(error);
      return;
    }
    if (error.redirect().isPresent()) {
      RedirectTarget target = error.redirect().get();
      Map<String, String> params = new LinkedHashMap<>();
      params.put("error", error.error().code());
      params.put("error_description", error.description());
      if (target.state() != null) {
        params.put("state", target.state());
      }
      params.put("iss", target.issuer());
      AuthorizationResponses.send(response, callback, target, params);
      return;
    }
    if (error.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    Pages.send(response, callback, ErrorPage.render(error.error().status(), error.error().code(), error.description()));
  }

  static OAuthException classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OAuthException e) {
        return e;
      }
      if (t instanceof StoreUnavailableException) {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
            "The service is temporarily unavailable; retry shortly.", failure);
      }
    }
    return new OAuthException(OAuthError.SERVER_ERROR, "An unexpected error occurred.", failure);
  }

  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
