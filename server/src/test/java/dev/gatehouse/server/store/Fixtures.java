package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Rows the contract tests need as parents (foreign keys). */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static RegisteredClient client(String clientId) {
    return new RegisteredClient(
        clientId, "Client " + clientId, ClientType.PUBLIC, null, null,
        List.of("https://app.example/cb"), Set.of("authorization_code", "refresh_token"),
        Set.of("openid"), "none", List.of(), false, null, null, null, T0);
  }

  static User user(String username) {
    return new User(UUID.randomUUID(), username, null, false, null, UserStatus.ACTIVE, T0);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
