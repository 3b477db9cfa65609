package dev.gatehouse.server.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an ID token says (OIDC Core §2). {@code nonce} only on the token answering an
 * authorization request that carried one (§3.1.3.6; not on refresh, §12.2); {@code accessToken}
 * is the token {@code at_hash} is computed over, or {@code null}. {@code userClaims} are the
 * extra claims requested for the ID token (§5.5).
 */
public record IdTokenClaims(
    String subject,
    String clientId,
    Instant authTime,
    String nonce,
    String acr,
    List<String> amr,
    String sessionId,
    String accessToken,
    Map<String, Object> userClaims) {

  public IdTokenClaims {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    amr = List.copyOf(amr);
    userClaims = Map.copyOf(userClaims);
  }

  @Override
  public String toString() {
    return "IdTokenClaims[sub=" + subject + ", aud=" + clientId + "]";
  }
}
