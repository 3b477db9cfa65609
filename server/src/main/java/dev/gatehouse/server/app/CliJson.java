package dev.gatehouse.server.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON output of the CLI's {@code --json} listings. */
final class CliJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliJson() {}

  static String write(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
