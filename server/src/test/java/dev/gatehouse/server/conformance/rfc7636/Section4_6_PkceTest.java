package dev.gatehouse.server.conformance.rfc7636;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.Provider.basic;

import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.User;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7636 §4.5/§4.6 at the token endpoint; RFC 9700 §2.1.1 downgrade protection. */
class Section4_6_PkceTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String secret;
  static User carol;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    secret = provider.confidential("web", "client_secret_basic", Set.of("authorization_code"), Set.of("openid"));
    provider.publicClient("app", Set.of("authorization_code"), Set.of("openid"));
    carol = provider.user("carol");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void whenPublicClientSendsMatchingVerifierThenTokens() {
    Provider.CodeBuilder code = provider.code("app", carol.id());
    String value = code.issue();
    assertTokens(provider.token(null, "grant_type", "authorization_code", "client_id", "app", "code", value,
        "redirect_uri", CB, "code_verifier", code.verifier()));
  }

  @Test
  void whenVerifierDoesNotMatchThenInvalidGrant() {
    String value = provider.code("app", carol.id()).issue();
    assertError(provider.token(null, "grant_type", "authorization_code", "client_id", "app", "code", value,
        "redirect_uri", CB, "code_verifier", "x".repeat(43)), 400, "invalid_grant");
  }

  @Test
  void whenVerifierMissingThenInvalidGrant() {
    String value = provider.code("web", carol.id()).issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", value,
        "redirect_uri", CB), 400, "invalid_grant");
  }

  @Test
  void whenVerifierSentWithoutStoredChallengeThenInvalidGrant() {
    String value = provider.code("web", carol.id()).noPkce().issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", value,
        "redirect_uri", CB, "code_verifier", "a".repeat(43)), 400, "invalid_grant");
  }

  @Test
  void whenVerifierMalformedThenInvalidRequest() {
    String value = provider.code("web", carol.id()).issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", value,
        "redirect_uri", CB, "code_verifier", "short"), 400, "invalid_request");
  }

  @Test
  void whenPublicClientCodeHasNoChallengeThenInvalidGrant() {
    String value = provider.code("app", carol.id()).noPkce().issue();
    assertError(provider.token(null, "grant_type", "authorization_code", "client_id", "app", "code", value,
        "redirect_uri", CB), 400, "invalid_grant");
  }
}
