package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.Consent;
import dev.gatehouse.server.store.ConsentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link ConsentRepository} on the {@code consents} table. */
public final class JdbiConsentRepository implements ConsentRepository {
  private static final String COLUMNS = "user_id, client_id, scopes, granted_at, updated_at";

  private final GuardedJdbi db;
  private final Clock clock;

  public JdbiConsentRepository(Jdbi jdbi, Clock clock) {
    this.db = new GuardedJdbi(jdbi);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Consent> find(UUID userId, String clientId) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM consents"
            + " WHERE user_id = :user_id AND client_id = :client_id")
        .bind("user_id", userId)
        .bind("client_id", clientId)
        .map(JdbiConsentRepository::map)
        .findOne());
  }

  @Override
  public Consent grant(UUID userId, String clientId, Set<String> scopes) {
    // The union happens in the UPSERT, so two concurrent grants both end up remembered.
    return db.withHandle(h -> h.createQuery("INSERT INTO consents (" + COLUMNS + ")"
            + " VALUES (:user_id, :client_id, :scopes, :now, :now)"
            + " ON CONFLICT (user_id, client_id) DO UPDATE SET"
            + " scopes = ARRAY(SELECT DISTINCT s FROM unnest(consents.scopes || EXCLUDED.scopes) AS s"
            + " ORDER BY s), updated_at = EXCLUDED.updated_at"
            + " RETURNING " + COLUMNS)
        .bind("user_id", userId)
        .bind("client_id", clientId)
        .bindArray("scopes", String.class, Rows.sorted(scopes))
        .bind("now", Rows.timestamp(clock.instant()))
        .map(JdbiConsentRepository::map)
        .one());
  }

  @Override
  public boolean revoke(UUID userId, String clientId) {
    return db.withHandle(h -> h.createUpdate("DELETE FROM consents WHERE user_id = :user_id AND client_id = :client_id")
        .bind("user_id", userId)
        .bind("client_id", clientId)
        .execute()) > 0;
  }

  private static Consent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Consent(
        Rows.uuid(rs, "user_id"),
        rs.getString("client_id"),
        Rows.textSet(rs, "scopes"),
        Rows.instant(rs, "granted_at"),
        Rows.instant(rs, "updated_at"));
  }
}
