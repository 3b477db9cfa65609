package dev.gatehouse.server.app.kafka;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.OutboxRelay;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestKafka;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Relay throughput (events/s) against the in-process broker. Not part of the build (the name does
 * not end in Test); run it with
 * {@code ./mvnw -q -B -pl server test -Dtest=RelayThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RelayThroughputBenchmark {
  @Test
  void relayThroughput() throws Exception {
    int events = Integer.getInteger("events", 50_000);
    try (PostgresDatabase db = TestPostgres.freshDatabase(); RelayFixture node = new RelayFixture(db)) {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        users.add(UUID.randomUUID().toString());
      }
      for (int i = 0; i < events; i += 1000) {
        int start = i;
        node.transactions.run(() -> {
          for (int j = start; j < Math.min(start + 1000, events); j++) {
            node.events.record(new AuthEvent.UserDisabled(users.get(j % users.size()), Instant.now()));
          }
        });
      }
      for (int batch : new int[] {100, 500, 2000}) {
        db.jdbi().useHandle(h -> h.execute("UPDATE outbox_events SET published_at = NULL"));
        String topic = TestKafka.freshTopic(6);
        OutboxRelay.Settings settings = new OutboxRelay.Settings(batch, RelayFixture.FAST.idleWait(),
            RelayFixture.FAST.minBackoff(), RelayFixture.FAST.maxBackoff(), RelayFixture.FAST.retention(),
            RelayFixture.FAST.pruneInterval());
        try (OutboxRelay relay = new OutboxRelay(node.outbox, node.transactions,
            RelayFixture.kafka(TestKafka.bootstrapServers(), topic), java.time.Clock.systemUTC(),
            node.metrics, settings)) {
          relay.relayOnce(); // producer start-up and metadata, not part of the steady state
          long t0 = System.nanoTime();
          int relayed = 0;
          int n;
          while ((n = relay.relayOnce()) > 0) {
            relayed += n;
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          System.out.printf("RELAY-THROUGHPUT batch=%d events=%d seconds=%.2f events/s=%.0f%n",
              batch, relayed, seconds, relayed / seconds);
        }
      }
    }
  }
}
