package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.identity.SsoSessions.ActiveSession;
import dev.gatehouse.server.store.AuthorizationCode;
import dev.gatehouse.server.store.AuthorizationGrant;
import dev.gatehouse.server.store.AuthorizationGrantRepository;
import dev.gatehouse.server.store.GrantDetails;
import dev.gatehouse.server.tokens.SecretHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.UUID;

/**
 * Issues the authorization code: one grant aggregate plus its code, stored together (the
 * contract the token endpoint consumes). The code is 256 random bits and only its hash is stored
 * (DESIGN.md §4.9).
 */
public final class CodeIssuer {
  /** RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED"; we use 60 s. */
  static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

  private final AuthorizationGrantRepository grants;
  private final SecretHasher hasher;
  private final Clock clock;

  public CodeIssuer(AuthorizationGrantRepository grants, SecretHasher hasher, Clock clock) {
    this.grants = grants;
    this.hasher = hasher;
    this.clock = clock;
  }

  AuthorizationResponse issue(AuthorizationRequest request, ActiveSession session) {
    String code = SecretHasher.generateSecret();
    UUID grantId = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    AuthorizationGrant grant = new AuthorizationGrant(grantId, request.clientId(), session.user().id(),
        new HashSet<>(request.scopes()), now, null,
        new GrantDetails(session.authenticatedAt(), session.acr(), session.amr(), session.sid(),
            request.claims(), request.resources()));
    grants.save(grant, AuthorizationCode.issued(hasher.hash(code), grantId, request.redirectUri(),
        request.codeChallenge(), request.codeChallengeMethod(), request.nonce(), now.plus(CODE_LIFETIME)));
    return AuthorizationResponse.code(request.target(), code);
  }
}
