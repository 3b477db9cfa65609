package example;

import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.VerifiedToken;
import dev.gatehouse.verifier.servlet.BearerTokenFilter;
import dev.gatehouse.verifier.testing.TestIssuer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An "orders" API whose {@code /api/*} needs a Gatehouse access token with scope
 * {@code orders:read}; {@code /health} is open.
 *
 * <p>Configuration (environment): {@code GATEHOUSE_ISSUER} (default {@code http://127.0.0.1:8080}),
 * {@code AUDIENCE} (default {@code http://127.0.0.1:8081}, the {@code resource} clients ask
 * tokens for), {@code PORT} (default 8081). With the argument {@code --demo} it starts a
 * {@link TestIssuer} instead of using a Gatehouse server and prints a token to try.
 */
public final class ResourceServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(env("PORT", "8081"));
    String issuer = env("GATEHOUSE_ISSUER", "http://127.0.0.1:8080");
    String audience = env("AUDIENCE", "http://127.0.0.1:" + port);
    TestIssuer demo = null;
    if (args.length > 0 && args[0].equals("--demo")) {
      demo = TestIssuer.start(); // test double: never in production
      issuer = demo.issuer();
      audience = TestIssuer.AUDIENCE;
    }

    // One verifier for the whole service: it holds the JWKS and the verified-token caches.
    JwtVerifier verifier = JwtVerifier.builder()
        .issuer(issuer)                  // JWKS found through <issuer>/.well-known/openid-configuration
        .audience(audience)
        .requiredScopes("orders:read")   // else 403 insufficient_scope
        .build();

    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Health()), "/health");
    context.addServlet(new ServletHolder(new Me()), "/api/me");
    context.addFilter(new FilterHolder(new BearerTokenFilter(verifier, "orders")), "/api/*",
        EnumSet.of(DispatcherType.REQUEST));

    Server server = new Server();
    ServerConnector http = new ServerConnector(server);
    http.setHost("127.0.0.1");
    http.setPort(port);
    server.addConnector(http);
    server.setHandler(context);
    server.start();
    System.out.println("orders API on http://127.0.0.1:" + http.getLocalPort() + "/api/me, issuer " + issuer
        + ", audience " + audience);
    if (demo != null) {
      String token = demo.token().subject("alice").clientId("demo-client").scope("orders:read").sign();
      System.out.println("try:\n  curl -i -H 'Authorization: Bearer " + token + "' http://127.0.0.1:"
          + http.getLocalPort() + "/api/me");
    }
    server.join();
  }

  /** Answers who called, from the token the filter verified. */
  static final class Me extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      VerifiedToken token = (VerifiedToken) req.getAttribute(BearerTokenFilter.ATTRIBUTE);
      res.setContentType("application/json");
      res.getWriter().printf("{\"sub\":\"%s\",\"client_id\":\"%s\",\"scope\":\"%s\"}%n",
          json(token.subject()), json(token.clientId()), json(String.join(" ", token.scopes())));
    }
  }

  static final class Health extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("text/plain");
      res.getWriter().println("ok");
    }
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
