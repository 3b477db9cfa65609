package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.AuthorizationCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange at the token endpoint (RFC 7636 §4.5, §4.6; RFC 9700 §2.1.1). */
final class Pkce {
  // RFC 7636 §4.1: code-verifier = 43*128unreserved; unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private Pkce() {}

  static void checkSyntax(String verifier) {
    if (!VERIFIER.matcher(verifier).matches()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).");
    }
  }

  static void verify(AuthorizationCode code, String verifier, boolean publicClient) {
    if (code.codeChallenge() == null) {
      // RFC 9700 §2.1.1: "Authorization servers MUST ... ensure that if a code_verifier is
      // present in the token request, a code_challenge was present in the authorization
      // request" — otherwise PKCE could be downgraded.
      if (verifier != null) {
        throw new OAuthException(OAuthError.INVALID_GRANT,
            "code_verifier sent, but the authorization request had no code_challenge.");
      }
      if (publicClient) {
        // OAuth 2.1 §4.1.1 / DESIGN.md §7: PKCE is required for public clients.
        throw new OAuthException(OAuthError.INVALID_GRANT, "A public client's code must be bound to PKCE.");
      }
      return;
    }
    if (verifier == null) {
      throw new OAuthException(OAuthError.INVALID_GRANT,
          "code_verifier is missing; the authorization request had a code_challenge (RFC 7636 §4.5).");
    }
    if (!"S256".equals(code.codeChallengeMethod())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "Only the S256 code challenge method is supported.");
    }
    // RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge,
    // compared in constant time.
    byte[] computed = s256(verifier).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(computed, code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "code_verifier does not match the code_challenge (RFC 7636 §4.6).");
    }
  }

  static String s256(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
