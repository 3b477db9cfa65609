package dev.gatehouse.server.app;

import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.tokens.SecretHasher;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * On the very first start of an empty installation (no users, no clients), creates what a
 * newcomer needs to try Gatehouse: an {@code admin} account and two demo clients, and prints
 * their credentials once. Later starts find data and do nothing.
 */
final class FirstStart {
  private FirstStart() {}

  static boolean runIfEmpty(Components components, URI issuer, PrintWriter out) {
    if (!components.userRepository.list(0, 1).isEmpty() || !components.clientRepository.list().isEmpty()) {
      return false;
    }
    char[] adminPassword = SecretHasher.generateSecret().substring(0, 24).toCharArray();
    components.users.register("admin", null, "Administrator", adminPassword);
    ClientRegistrations.Registered service = components.clients.register(new ClientMetadata(
        "demo-service", "Demo service", ClientType.CONFIDENTIAL, Optional.empty(), List.of(),
        Set.of("client_credentials"), Set.of("demo.read", "demo.write"), Optional.empty(), List.of(), false));
    components.clients.register(new ClientMetadata(
        "demo-app", "Demo app", ClientType.PUBLIC, Optional.empty(),
        List.of("http://127.0.0.1/callback", "com.example.demo:/callback"),
        Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "email", "offline_access"), Optional.empty(),
        List.of("http://127.0.0.1/"), true));

    out.println();
    out.println("First start: created an admin account and two demo clients. These secrets are shown only now.");
    out.println("  admin user         username: admin   password: " + new String(adminPassword));
    out.println("  demo-service       confidential, client_credentials, scopes demo.read demo.write");
    out.println("                     client_id: demo-service   client_secret: " + service.secret().orElseThrow());
    out.println("  demo-app           public (PKCE), authorization_code + refresh_token,");
    out.println("                     redirect http://127.0.0.1/callback (any loopback port) or com.example.demo:/callback");
    out.println("Try: curl " + issuer + "/.well-known/jwks.json");
    out.println("Manage with: bin/gatehouse clients list | users list | keys list  (see bin/gatehouse --help)");
    out.println();
    return true;
  }
}
