package dev.gatehouse.server.admin;

/**
 * An admin API failure to be rendered as RFC 9457 problem details by {@link ProblemRenderer}.
 *
 * @param type a URI naming the kind of problem (RFC 9457 §3.1.1)
 */
final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final String INVALID_PARAMETER = "urn:gatehouse:problem:invalid-parameter";

  private final String type;
  private final String title;
  private final int status;

  Problem(String type, String title, int status, String detail) {
    super(detail);
    this.type = type;
    this.title = title;
    this.status = status;
  }

  /** 400: a query parameter is malformed or out of range; {@code detail} says which and why. */
  static Problem badParameter(String detail) {
    return new Problem(INVALID_PARAMETER, "Invalid request parameter", 400, detail);
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }

  int status() {
    return status;
  }

  String detail() {
    return getMessage();
  }
}
