package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.List;

/**
 * What a grant carries beyond client, user and scopes, so that every token issued from it (also
 * after a refresh) says the same thing: how and when the user authenticated (OIDC Core §2
 * {@code auth_time}, {@code acr}, {@code amr}; {@code sid} of OIDC Front/Back-Channel Logout),
 * the OIDC Core §5.5 {@code claims} request as JSON, and the RFC 8707 resource indicators that
 * choose the access tokens' audience. All nullable or empty for client credentials.
 */
public record GrantDetails(
    Instant authTime,
    String acr,
    List<String> amr,
    String sessionId,
    String claimsRequest,
    List<String> resources) {

  /** No user authentication and nothing requested (client credentials). */
  public static final GrantDetails NONE = new GrantDetails(null, null, List.of(), null, null, List.of());

  public GrantDetails {
    amr = List.copyOf(amr);
    resources = List.copyOf(resources);
  }
}
