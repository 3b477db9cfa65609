package dev.gatehouse.server.store;

import java.util.Objects;
import java.util.UUID;

/** What happened when the token endpoint tried to consume an authorization code. */
public sealed interface CodeConsumption {
  /** This call consumed the code: exchange it for tokens. */
  record Consumed(AuthorizationGrant grant, AuthorizationCode code) implements CodeConsumption {
    public Consumed {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * The code had been consumed before. RFC 6749 §4.1.2: the authorization server SHOULD revoke
   * all tokens previously issued based on that code, so the caller revokes {@code grantId}.
   */
  record Replayed(UUID grantId) implements CodeConsumption {
    public Replayed {
      Objects.requireNonNull(grantId, "grantId");
    }
  }

  /** No usable code: unknown, expired, or its grant was revoked. */
  record Invalid(Reason reason) implements CodeConsumption {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a code or refresh token was not usable (for logs and metrics, not for clients). */
  enum Reason {
    UNKNOWN,
    EXPIRED,
    REVOKED
  }
}
