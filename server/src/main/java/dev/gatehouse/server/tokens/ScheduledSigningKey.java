package dev.gatehouse.server.tokens;

import java.time.Instant;

/** A signing key that {@link KeyRotation} just created: published now, signing from {@code activatesAt}. */
public record ScheduledSigningKey(String kid, SigningAlgorithm algorithm, Instant activatesAt) {}
