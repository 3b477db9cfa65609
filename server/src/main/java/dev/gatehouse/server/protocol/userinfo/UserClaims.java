package dev.gatehouse.server.protocol.userinfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.store.User;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The user's claims by scope (OIDC Core §5.4) and by the {@code claims} request (§5.5). Gatehouse
 * stores a username, an e-mail address with its verified flag, and a display name, so it can
 * answer {@code name}, {@code preferred_username}, {@code email} and {@code email_verified};
 * claims it does not store ({@code address}, {@code phone_number}, {@code updated_at}...) are
 * omitted, as §5.3.2 allows ("If a Claim is not returned, that Claim Name SHOULD be omitted").
 */
public final class UserClaims {
  /** Every claim Gatehouse can return (discovery's claims_supported adds the ID-token ones). */
  public static final Set<String> SUPPORTED = Set.of("sub", "name", "preferred_username", "email", "email_verified");
  private static final Map<String, Set<String>> BY_SCOPE = Map.of(
      "profile", Set.of("name", "preferred_username"),
      "email", Set.of("email", "email_verified"),
      "address", Set.of(),
      "phone", Set.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private UserClaims() {}

  /** For the UserInfo response: by scope, plus what the claims request's {@code userinfo} member asks. */
  public static Map<String, Object> forUserInfo(User user, Set<String> scopes, String claimsRequest) {
    Set<String> names = new LinkedHashSet<>();
    for (String scope : scopes) {
      names.addAll(BY_SCOPE.getOrDefault(scope, Set.of()));
    }
    names.addAll(requested(claimsRequest, "userinfo"));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.id().toString());
    claims.putAll(values(user, names));
    return claims;
  }

  /**
   * For the ID token: only what the claims request's {@code id_token} member asks (OIDC Core
   * §5.4: with an access token issued, scope claims are returned from the UserInfo endpoint).
   */
  public static Map<String, Object> forIdToken(User user, String claimsRequest) {
    return values(user, requested(claimsRequest, "id_token"));
  }

  /** Whether the ID token needs the user's row at all (saves a round trip when not). */
  public static boolean idTokenNeedsUser(String claimsRequest) {
    return requested(claimsRequest, "id_token").stream().anyMatch(SUPPORTED::contains);
  }

  private static Map<String, Object> values(User user, Set<String> names) {
    Map<String, Object> claims = new LinkedHashMap<>();
    for (String name : names) {
      switch (name) {
        case "name" -> putIfPresent(claims, name, user.displayName());
        case "preferred_username" -> claims.put(name, user.username());
        case "email" -> putIfPresent(claims, name, user.email());
        case "email_verified" -> {
          if (user.email() != null) {
            claims.put(name, user.emailVerified());
          }
        }
        default -> { }
      }
    }
    return claims;
  }

  private static void putIfPresent(Map<String, Object> claims, String name, Object value) {
    if (value != null) {
      claims.put(name, value);
    }
  }

  /** Claim names under {@code member} of an OIDC Core §5.5 claims request; malformed → none. */
  static Set<String> requested(String claimsRequest, String member) {
    if (claimsRequest == null) {
      return Set.of();
    }
    try {
      JsonNode node = JSON.readTree(claimsRequest).path(member);
      Set<String> names = new LinkedHashSet<>();
      if (node.isObject()) {
        node.fieldNames().forEachRemaining(names::add);
      }
      return names;
    } catch (IOException e) {
      // The authorization endpoint validated it; a stored value that does not parse asks nothing.
      return Set.of();
    }
  }
}
