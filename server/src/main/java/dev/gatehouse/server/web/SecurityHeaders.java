package dev.gatehouse.server.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers every response carries (DESIGN.md §7). API responses get a CSP that allows nothing;
 * pages set their own, stricter-per-page policy. HSTS only when the issuer is https.
 */
public final class SecurityHeaders {
  private final boolean https;

  public SecurityHeaders(boolean https) {
    this.https = https;
  }

  Handler wrap(Handler next) {
    return new Handler.Wrapper(next) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable h = response.getHeaders();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if (https) {
          h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        return super.handle(request, response, callback);
      }
    };
  }
}
