package dev.gatehouse.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.events.AuditLog;
import dev.gatehouse.server.protocol.BearerAccess;
import dev.gatehouse.server.store.OutboxQuery;
import dev.gatehouse.server.web.HttpResponses;
import dev.gatehouse.server.web.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /admin/audit/events}: the audit log (issue 5 item 5), for a bearer token with the
 * {@code gatehouse:audit} scope. Filters {@code subject} (aggregate id), {@code client_id}
 * ({@code data.client_id}), {@code type} (repeatable or comma-separated), {@code from} /
 * {@code to} (RFC 3339, on the time the event occurred; from inclusive, to exclusive);
 * {@code limit} 1–500 (default 100); {@code cursor} from the previous page's
 * {@code next_cursor}. Newest first.
 */
public final class AuditEventsEndpoint {
  public static final String PATH = "/admin/audit/events";
  public static final String SCOPE = "gatehouse:audit";
  static final int DEFAULT_LIMIT = 100;
  private static final Set<String> PARAMETERS = Set.of("subject", "client_id", "type", "from", "to", "limit", "cursor");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)+");
  private static final String CURSOR_PREFIX = "p1:";
  private static final int MAX_VALUE_LENGTH = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog auditLog;
  private final BearerAccess access;

  public AuditEventsEndpoint(AuditLog auditLog, BearerAccess access) {
    this.auditLog = auditLog;
    this.access = access;
  }

  public Route route() {
    return Route.get(PATH, this::handle);
  }

  private void handle(Request request, Response response, Callback callback) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    try {
      access.require(authorization, SCOPE);
      OutboxQuery query = parse(request);
      AuditLog.Page page = auditLog.search(query);
      List<JsonNode> events = new ArrayList<>(page.events().size());
      for (String payload : page.events()) {
        events.add(JSON.readTree(payload));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("events", events);
      body.put("next_cursor", page.nextBeforePosition() == null ? null : encodeCursor(page.nextBeforePosition()));
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      HttpResponses.json(response, callback, 200, body);
    } catch (JsonProcessingException | RuntimeException e) {
      ProblemRenderer.render(response, callback, e, authorization != null);
    }
  }

  static OutboxQuery parse(Request request) {
    Fields fields;
    try {
      fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw Problem.badParameter("The query string is not valid percent-encoded UTF-8.");
    }
    for (String name : fields.getNames()) {
      if (!PARAMETERS.contains(name)) {
        throw Problem.badParameter("Unknown parameter '" + name + "'; expected one of subject, client_id, type,"
            + " from, to, limit, cursor.");
      }
      for (String value : fields.getValues(name)) {
        if (value.length() > MAX_VALUE_LENGTH) {
          throw Problem.badParameter("Parameter '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters.");
        }
      }
    }
    String subject = single(fields, "subject");
    String clientId = single(fields, "client_id");
    Set<String> types = new LinkedHashSet<>();
    for (String value : fields.getValuesOrEmpty("type")) {
      for (String type : value.split(",", -1)) {
        String t = type.strip();
        if (!EVENT_TYPE.matcher(t).matches()) {
          throw Problem.badParameter("'" + t + "' is not an event type name such as user.login_failed.");
        }
        types.add(t);
      }
    }
    Instant from = instant(fields, "from");
    Instant to = instant(fields, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw Problem.badParameter("'from' must be earlier than 'to'.");
    }
    int limit = limit(single(fields, "limit"));
    String cursor = single(fields, "cursor");
    Long before = cursor == null ? null : decodeCursor(cursor);
    return new OutboxQuery(subject, clientId, types, from, to, before, limit);
  }

  private static String single(Fields fields, String name) {
    List<String> values = fields.getValuesOrEmpty(name);
    if (values.size() > 1) {
      throw Problem.badParameter("Parameter '" + name + "' may appear only once.");
    }
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      throw Problem.badParameter("Parameter '" + name + "' is empty.");
    }
    return value;
  }

  private static Instant instant(Fields fields, String name) {
    String value = single(fields, name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw Problem.badParameter("'" + name + "' must be an RFC 3339 date-time with an offset, such as"
          + " 2026-01-31T09:30:00Z (encode '+' as %2B in a URL).");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
      throw Problem.badParameter("'limit' must be an integer from 1 to " + AuditLog.MAX_LIMIT + ".");
    }
    return limit;
  }

  static String encodeCursor(long position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((CURSOR_PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(CURSOR_PREFIX)) {
        long position = Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
        if (position > 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the problem below (NumberFormatException is an IllegalArgumentException).
    }
    throw Problem.badParameter("'cursor' is not a cursor this API returned; pass next_cursor unchanged.");
  }
}
