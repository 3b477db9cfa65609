package dev.gatehouse.server.protocol;

import java.util.Objects;

/**
 * Where and how an authorization response goes: the validated redirect URI (exactly as the
 * client sent it), the response mode, the client's {@code state} (nullable) and our issuer
 * (RFC 9207 §2: {@code iss} in every authorization response, success or error).
 */
public record RedirectTarget(String redirectUri, ResponseMode responseMode, String state, String issuer) {
  public RedirectTarget {
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(responseMode, "responseMode");
    Objects.requireNonNull(issuer, "issuer");
  }

  public RedirectTarget withResponseMode(ResponseMode mode) {
    return new RedirectTarget(redirectUri, mode, state, issuer);
  }
}
