package dev.gatehouse.server.store;

import java.util.Objects;
import java.util.UUID;

/** What happened when a client presented a refresh token to get a new one. */
public sealed interface RefreshTokenRotation {
  /** The presented token was current; {@code issued} replaces it. */
  record Rotated(AuthorizationGrant grant, RefreshToken issued) implements RefreshTokenRotation {
    public Rotated {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(issued, "issued");
    }
  }

  /**
   * The presented token had just been rotated (less than the leeway ago) and its successor has
   * not been used yet: most likely the same client refreshing twice concurrently, or a lost
   * response being retried. {@code issued} is a new sibling of that successor (same parent, both
   * live); nothing is revoked. Callers answer as for {@link Rotated}.
   */
  record RotatedWithinLeeway(AuthorizationGrant grant, RefreshToken issued) implements RefreshTokenRotation {
    public RotatedWithinLeeway {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(issued, "issued");
    }
  }

  /**
   * The presented token had been rotated before and may be stolen (RFC 9700 §4.14.2): the whole
   * grant (its code and every refresh token of the family) has been revoked in the same
   * transaction. The caller answers {@code invalid_grant} and records the event.
   */
  record Reused(UUID grantId) implements RefreshTokenRotation {
    public Reused {
      Objects.requireNonNull(grantId, "grantId");
    }
  }

  /** Unknown, expired or revoked: answer {@code invalid_grant}. */
  record Invalid(CodeConsumption.Reason reason) implements RefreshTokenRotation {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
