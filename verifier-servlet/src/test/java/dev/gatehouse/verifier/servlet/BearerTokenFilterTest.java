package dev.gatehouse.verifier.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.VerifiedToken;
import dev.gatehouse.verifier.testing.TestIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 6750 §3 responses of the filter, with request and response stubbed by proxies. */
class BearerTokenFilterTest {
  private final TestIssuer issuer = TestIssuer.start();
  private final JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE)
      .requiredScopes("orders:read").build();
  private final BearerTokenFilter filter = new BearerTokenFilter(verifier, "orders");
  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, String> responseHeaders = new HashMap<>();
  private final int[] status = {200};

  @AfterEach
  void stop() {
    issuer.close();
  }

  private boolean run(String authorization) throws Exception {
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
          case "getHeader" -> "Authorization".equals(a[0]) ? authorization : null;
          case "setAttribute" -> attributes.put((String) a[0], a[1]);
          default -> null;
        });
    HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "setHeader" -> responseHeaders.put((String) a[0], (String) a[1]);
            case "sendError" -> status[0] = (Integer) a[0];
            default -> { }
          }
          return null;
        });
    AtomicBoolean passed = new AtomicBoolean();
    FilterChain chain = (req, res) -> passed.set(true);
    filter.doFilter(request, response, chain);
    return passed.get();
  }

  @Test
  void whenValidTokenThenPassesOnWithVerifiedTokenAttribute() throws Exception {
    assertThat(run("Bearer " + issuer.token().scope("orders:read").sign())).isTrue();
    assertThat(attributes.get(BearerTokenFilter.ATTRIBUTE)).isInstanceOf(VerifiedToken.class);
  }

  @Test
  void whenNoCredentialsThen401ChallengeWithoutErrorCode() throws Exception {
    assertThat(run(null)).isFalse();
    assertThat(status[0]).isEqualTo(401);
    assertThat(responseHeaders.get("WWW-Authenticate")).isEqualTo("Bearer realm=\"orders\"");
  }

  @Test
  void whenTokenInvalidThen401InvalidToken() throws Exception {
    assertThat(run("bearer " + issuer.token().scope("orders:read").audience("other").sign())).isFalse();
    assertThat(status[0]).isEqualTo(401);
    assertThat(responseHeaders.get("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void whenScopeMissingThen403InsufficientScope() throws Exception {
    assertThat(run("Bearer " + issuer.token().sign())).isFalse();
    assertThat(status[0]).isEqualTo(403);
    assertThat(responseHeaders.get("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
  }
}
