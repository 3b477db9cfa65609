package dev.gatehouse.server.protocol;

import java.util.Optional;

/**
 * How authorization response parameters reach the client: OAuth 2.0 Multiple Response Type
 * Encoding Practices §2.1 ({@code query}, {@code fragment}) and OAuth 2.0 Form Post Response
 * Mode §2 ({@code form_post}). {@code query} is the default for {@code response_type=code}.
 */
public enum ResponseMode {
  QUERY("query"),
  FRAGMENT("fragment"),
  FORM_POST("form_post");

  private final String value;

  ResponseMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<ResponseMode> fromValue(String value) {
    for (ResponseMode mode : values()) {
      if (mode.value.equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
