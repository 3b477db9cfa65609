package dev.gatehouse.server.store.postgres;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * Reading and binding the column types the repositories share. Instants travel as
 * {@code timestamptz} through {@link OffsetDateTime} in UTC, so the JVM's time zone never matters.
 */
final class Rows {
  private Rows() {}

  static Argument timestamp(Instant instant) {
    return (position, statement, ctx) -> {
      if (instant == null) {
        statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      }
    };
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static List<String> textList(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    try {
      return List.of((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  static Set<String> textSet(ResultSet rs, String column) throws SQLException {
    return Set.copyOf(textList(rs, column));
  }

  /** Sets are stored sorted so rows read the same whatever order the set iterated in. */
  static List<String> sorted(Collection<String> values) {
    String[] array = values.toArray(new String[0]);
    Arrays.sort(array);
    return List.of(array);
  }
}
