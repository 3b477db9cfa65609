package dev.gatehouse.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

class TestPostgresTest {
  @Test
  void freshDatabasesAreMigratedAndIndependent() {
    try (PostgresDatabase a = TestPostgres.freshDatabase();
        PostgresDatabase b = TestPostgres.freshDatabase()) {
      a.jdbi().useHandle(h -> h.execute("CREATE TABLE only_in_a (x int)"));
      int inB = b.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'")
          .mapTo(Integer.class).one());
      int migrations = a.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
      assertThat(inB).isZero();
      assertThat(migrations).isPositive();
    }
  }
}
