package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Reads OAuth request parameters from the query (GET) or an
 * {@code application/x-www-form-urlencoded} body (POST), applying RFC 6749 §3.1: parameters sent
 * without a value are treated as omitted, and no parameter may appear more than once. The result
 * is a plain single-valued map, so the protocol layer never sees HTTP types.
 */
public final class RequestParameters {
  static final int MAX_FORM_BYTES = 64 * 1024;
  static final int MAX_FIELDS = 200;

  private RequestParameters() {}

  /** Query parameters only (authorization endpoint GET, userinfo GET...). */
  public static Map<String, String> query(Request request) {
    return singleValued(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
  }

  /**
   * The form body of a POST, which must be {@code application/x-www-form-urlencoded}
   * (RFC 6749 §4.1.3, §3.2). Query parameters are not merged in: credentials and codes belong in
   * the body.
   */
  public static Map<String, String> form(Request request) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "This endpoint expects a POST.");
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The request body must be application/x-www-form-urlencoded.");
    }
    Fields fields;
    try {
      fields = FormFields.getFields(request, MAX_FIELDS, MAX_FORM_BYTES);
    } catch (RuntimeException e) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The form body is malformed or larger than " + MAX_FORM_BYTES + " bytes.", e);
    }
    return singleValued(fields);
  }

  /** GET → query, POST → form body (for endpoints that accept both, e.g. authorize, userinfo). */
  public static Map<String, String> queryOrForm(Request request) {
    return HttpMethod.POST.is(request.getMethod()) ? form(request) : query(request);
  }

  /**
   * Like {@link #queryOrForm(Request)}, except that the parameters named in {@code repeatable} may
   * appear more than once and come back as lists (e.g. RFC 8707 §2 {@code resource}, which "MAY
   * be used multiple times"). Every other parameter still follows RFC 6749 §3.1.
   */
  public static Parsed queryOrForm(Request request, Set<String> repeatable) {
    Fields fields;
    if (HttpMethod.POST.is(request.getMethod())) {
      String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "The request body must be application/x-www-form-urlencoded.");
      }
      try {
        fields = FormFields.getFields(request, MAX_FIELDS, MAX_FORM_BYTES);
      } catch (RuntimeException e) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "The form body is malformed or larger than " + MAX_FORM_BYTES + " bytes.", e);
      }
    } else {
      fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }
    Map<String, List<String>> repeated = new LinkedHashMap<>();
    Fields single = new Fields();
    for (Fields.Field field : fields) {
      if (repeatable.contains(field.getName())) {
        List<String> values = field.getValues().stream().filter(v -> v != null && !v.isEmpty()).toList();
        if (!values.isEmpty()) {
          repeated.put(field.getName(), values);
        }
      } else {
        single.put(field);
      }
    }
    return new Parsed(singleValued(single), repeated);
  }

  /** Single-valued parameters, and the lists of the repeatable ones that were present. */
  public record Parsed(Map<String, String> values, Map<String, List<String>> repeated) {
    public Parsed {
      values = Map.copyOf(values);
      repeated = Map.copyOf(repeated);
    }

    public List<String> list(String name) {
      return repeated.getOrDefault(name, List.of());
    }
  }

  static Map<String, String> singleValued(Fields fields) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Fields.Field field : fields) {
      // RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted
      // from the request." and "Request and response parameters MUST NOT be included more than once."
      long nonEmpty = field.getValues().stream().filter(v -> v != null && !v.isEmpty()).count();
      if (nonEmpty > 1) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "Parameter '" + field.getName() + "' is repeated; each may appear at most once.");
      }
      field.getValues().stream().filter(v -> v != null && !v.isEmpty()).findFirst()
          .ifPresent(v -> values.put(field.getName(), v));
    }
    return values;
  }
}
