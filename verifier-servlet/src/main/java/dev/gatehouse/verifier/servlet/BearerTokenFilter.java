package dev.gatehouse.verifier.servlet;

import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.TokenVerificationException;
import dev.gatehouse.verifier.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Verifies the {@code Authorization: Bearer} token of every request with a {@link JwtVerifier}
 * and puts the {@link VerifiedToken} in the request attribute {@link #ATTRIBUTE}. Refusals follow
 * RFC 6750 §3: 401 with {@code WWW-Authenticate: Bearer realm=..., error="invalid_token"}, 403
 * with {@code error="insufficient_scope"}, a bare challenge when no token was sent, and 503 when
 * the issuer's keys are unavailable.
 */
public final class BearerTokenFilter implements Filter {
  /** Request attribute holding the {@link VerifiedToken}. */
  public static final String ATTRIBUTE = VerifiedToken.class.getName();

  private final JwtVerifier verifier;
  private final String realm;

  public BearerTokenFilter(JwtVerifier verifier, String realm) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.realm = Objects.requireNonNull(realm, "realm").replace("\"", "");
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String header = request.getHeader("Authorization");
    // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive.
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // RFC 6750 §3.1: a request without credentials gets a challenge but no error code.
      challenge(response, 401, "Bearer realm=\"" + realm + "\"");
      return;
    }
    try {
      VerifiedToken token = verifier.verify(header.substring(7).trim());
      request.setAttribute(ATTRIBUTE, token);
      chain.doFilter(request, response);
    } catch (TokenVerificationException e) {
      TokenVerificationException.Reason reason = e.reason();
      String code = reason.bearerErrorCode();
      if (code == null) {
        response.setHeader("Retry-After", "5");
        challenge(response, reason.httpStatus(), "Bearer realm=\"" + realm + "\"");
        return;
      }
      // error_description must not echo token content; the reason name is safe (RFC 6750 §3).
      challenge(response, reason.httpStatus(), "Bearer realm=\"" + realm + "\", error=\"" + code
          + "\", error_description=\"" + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "\"");
    }
  }

  private static void challenge(HttpServletResponse response, int status, String challenge) throws IOException {
    response.setHeader("WWW-Authenticate", challenge);
    response.setHeader("Cache-Control", "no-store");
    response.sendError(status);
  }
}
