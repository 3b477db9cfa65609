package dev.gatehouse.verifier.kafka;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.verifier.Revocations;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns Gatehouse catalogue events (CloudEvents JSON, docs/events.md) into revocations:
 * {@code session.ended} → session, {@code user.disabled} → subject issued before the event,
 * {@code token.revoked} / {@code refresh_token.reuse_detected} / {@code authorization_code.replayed}
 * → grant, {@code access_token.revoked} → token id ({@code jti}). Every other type is counted as ignored; unreadable records are logged and skipped.
 */
final class RevocationEvents {
  private static final System.Logger LOG = System.getLogger(RevocationEvents.class.getName());
  private static final String TYPE_PREFIX = "dev.gatehouse.";

  private final Revocations revocations;
  private final Clock clock;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();

  RevocationEvents(Revocations revocations, Clock clock) {
    this.revocations = revocations;
    this.clock = clock;
  }

  long applied() {
    return applied.get();
  }

  long ignored() {
    return ignored.get();
  }

  long malformed() {
    return malformed.get();
  }

  /** Applies one record; never throws for bad input. */
  void handle(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      skipMalformed(record, "no value");
      return;
    }
    Map<String, Object> event;
    try {
      event = JSONObjectUtils.parse(new String(record.value(), StandardCharsets.UTF_8));
    } catch (java.text.ParseException | RuntimeException e) {
      skipMalformed(record, "not a JSON object");
      return;
    }
    if (!(event.get("type") instanceof String type)) {
      skipMalformed(record, "no type");
      return;
    }
    String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : null;
    if (name == null || !isRevoking(name)) {
      ignored.incrementAndGet();
      return;
    }
    if (!(event.get("data") instanceof Map<?, ?> data)) {
      skipMalformed(record, type + " without data");
      return;
    }
    switch (name) {
      case "session.ended" -> {
        if (data.get("sid") instanceof String sid && !sid.isEmpty()) {
          revocations.revokeSession(sid);
          applied.incrementAndGet();
        } else {
          skipMalformed(record, type + " without data.sid");
        }
      }
      case "user.disabled" -> {
        Instant at = eventTime(event.get("time"), record);
        if (data.get("user_id") instanceof String userId && !userId.isEmpty()) {
          revocations.revokeSubject(userId, at);
          applied.incrementAndGet();
        } else {
          skipMalformed(record, type + " without data.user_id");
        }
      }
      case "access_token.revoked" -> {
        if (data.get("jti") instanceof String jti && !jti.isEmpty()) {
          revocations.revokeTokenId(jti);
          applied.incrementAndGet();
        } else {
          skipMalformed(record, type + " without data.jti");
        }
      }
      default -> {
        if (data.get("grant_id") instanceof String grantId && !grantId.isEmpty()) {
          revocations.revokeGrant(grantId);
          applied.incrementAndGet();
        } else {
          skipMalformed(record, type + " without data.grant_id");
        }
      }
    }
  }

  private static boolean isRevoking(String name) {
    return switch (name) {
      case "session.ended", "user.disabled", "token.revoked", "access_token.revoked", "refresh_token.reuse_detected",
          "authorization_code.replayed" -> true;
      default -> false;
    };
  }

  /** The CloudEvent {@code time}; else the record timestamp; else now. */
  private Instant eventTime(Object time, ConsumerRecord<?, ?> record) {
    if (time instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        LOG.log(Level.WARNING, "unreadable time " + s + " at " + where(record) + "; using the record timestamp");
      }
    }
    return record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant();
  }

  private void skipMalformed(ConsumerRecord<?, ?> record, String why) {
    malformed.incrementAndGet();
    LOG.log(Level.WARNING, "skipping record at " + where(record) + ": " + why);
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
