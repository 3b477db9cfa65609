package dev.gatehouse.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The CloudEvents 1.0 JSON envelope (structured content mode) of an {@link AuthEvent}: what the
 * outbox stores and what Kafka consumers read. docs/events.md describes it; the JSON Schemas in
 * docs/events/ describe {@code data} per type. Every attribute here is part of the contract:
 * change {@link #SCHEMA_VERSION} (and the schemas) when a change is not backward compatible.
 */
public final class CloudEvent {
  /** CloudEvents §3.1.1: {@code type} SHOULD be prefixed with a reverse-DNS name. */
  public static final String TYPE_PREFIX = "dev.gatehouse.";
  /** The version of the {@code data} schemas, carried in the {@code schemaversion} extension. */
  public static final int SCHEMA_VERSION = 1;
  /** The Kafka {@code content-type} header of a structured-mode CloudEvent (Kafka binding §3.2). */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private CloudEvent() {}

  /**
   * The envelope as JSON: {@code specversion}, {@code id}, {@code source} (the issuer),
   * {@code type}, {@code subject} (the aggregate id), {@code time}, {@code datacontenttype},
   * {@code schemaversion} and {@code data} (the event's fields in snake_case, without the
   * aggregate id and occurrence time, which are {@code subject} and {@code time}).
   */
  static String toJson(UUID id, URI source, AuthEvent event) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", id.toString());
    envelope.put("source", source.toString());
    envelope.put("type", TYPE_PREFIX + event.type());
    envelope.put("subject", event.aggregateId());
    // RFC 3339 in UTC, as CloudEvents §3.1.4 requires.
    // Microseconds, as PostgreSQL keeps occurred_at: the envelope's time and the row (and so the
    // Kafka record timestamp) then name the same instant instead of differing by a rounding.
    envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().truncatedTo(ChronoUnit.MICROS)));
    envelope.put("datacontenttype", "application/json");
    envelope.put("schemaversion", SCHEMA_VERSION);
    ObjectNode data = JSON.valueToTree(event);
    data.remove("aggregate_id");
    data.remove("occurred_at");
    data.remove("type");
    envelope.set("data", data);
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.type() + " is not serialisable", e);
    }
  }
}
