package dev.gatehouse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardedJdbiTest {
  @ParameterizedTest(name = "SQLState {0}")
  @ValueSource(strings = {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"})
  void connectionClassSqlStatesMeanUnavailable(String state) {
    RuntimeException failure = new UnableToExecuteStatementException(new SQLException("x", state), null);
    assertThat(GuardedJdbi.translate(failure)).isInstanceOf(StoreUnavailableException.class).hasCause(failure);
  }

  @ParameterizedTest(name = "SQLState {0}")
  @ValueSource(strings = {"42P01", "22P02", "40001", "57014"})
  void otherSqlStatesPassThrough(String state) {
    RuntimeException failure = new UnableToExecuteStatementException(new SQLException("x", state), null);
    assertThat(GuardedJdbi.translate(failure)).isSameAs(failure);
  }

  @org.junit.jupiter.api.Test
  void poolTimeoutsAndJdbiConnectionFailuresMeanUnavailable() {
    RuntimeException poolTimeout = new ConnectionException(
        new SQLTransientConnectionException("gatehouse - Connection is not available, request timed out"));
    assertThat(GuardedJdbi.translate(poolTimeout)).isInstanceOf(StoreUnavailableException.class);
    RuntimeException nested = new IllegalStateException(new SQLTransientConnectionException("timeout"));
    assertThat(GuardedJdbi.translate(nested)).isInstanceOf(StoreUnavailableException.class);
  }
}
