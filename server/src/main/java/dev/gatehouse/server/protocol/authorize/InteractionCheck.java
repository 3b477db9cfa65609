package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.util.LinkedHashSet;
import java.util.Set;

/** OIDC Core §3.1.2.1: {@code prompt} and {@code max_age}. */
final class InteractionCheck {
  static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

  private InteractionCheck() {}

  static Set<String> prompt(String value) {
    Set<String> prompts = new LinkedHashSet<>();
    if (value == null) {
      return prompts;
    }
    for (String p : value.split(" ")) {
      if (p.isEmpty()) {
        continue;
      }
      if (!PROMPTS.contains(p)) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "prompt value '" + p + "' is not one of none, login, consent, select_account.");
      }
      prompts.add(p);
    }
    // OIDC Core §3.1.2.1: "If this parameter contains none with any other value, an error is returned."
    if (prompts.contains("none") && prompts.size() > 1) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "prompt=none cannot be combined with other values.");
    }
    return prompts;
  }

  /** OIDC Core §3.1.2.1: max_age is a number of seconds, zero or more. */
  static Long maxAge(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0) {
        throw new NumberFormatException("negative");
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "max_age must be a non-negative integer.");
    }
  }
}
