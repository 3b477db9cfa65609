package dev.gatehouse.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * {@code SqlQuery <jdbc url> <user> <password> <sql>}: prints each row, columns tab-separated.
 * bench/run.sh uses it to show the password hashes both systems actually stored.
 */
public final class SqlQuery {
  private SqlQuery() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(args[3])) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          b.append(i > 1 ? "\t" : "").append(rs.getString(i));
        }
        System.out.println(b);
      }
    }
  }
}
