package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.ExpiredRows;
import dev.gatehouse.server.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cleanup keeps rows a day past their expiry and works a backlog off batch by batch. */
class ExpiredRowsCleanupTest {
  private final MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @Test
  void deletesOnlyWhatExpiredMoreThanADayAgoAndCountsIt() {
    List<Instant> cutoffs = new ArrayList<>();
    ExpiredRows rows = (cutoff, batch) -> {
      cutoffs.add(cutoff);
      return Map.of("refresh_tokens", 3);
    };
    Map<String, Integer> deleted = new ExpiredRowsCleanup(rows, clock, Duration.ofMinutes(10), metrics).run();
    assertThat(cutoffs).containsExactly(Instant.parse("2026-05-31T12:00:00Z"));
    assertThat(deleted).containsEntry("refresh_tokens", 3);
    assertThat(metrics.get("gatehouse.cleanup.deleted.rows").tag("table", "refresh_tokens").counter().count())
        .isEqualTo(3.0);
  }

  @Test
  void aFullBatchIsFollowedByAnotherUntilOneComesBackShort() {
    int[] calls = {0};
    ExpiredRows rows = (cutoff, batch) -> {
      calls[0]++;
      return Map.of("browser_sessions", calls[0] < 3 ? batch : 7, "pending_authorizations", 0);
    };
    Map<String, Integer> deleted = new ExpiredRowsCleanup(rows, clock, Duration.ofMinutes(10), metrics).run();
    assertThat(calls[0]).isEqualTo(3);
    assertThat(deleted).containsEntry("browser_sessions", 2 * ExpiredRowsCleanup.BATCH + 7);
  }

  @Test
  void aBacklogIsWorkedOffOverSeveralRunsNotInOne() {
    int[] calls = {0};
    ExpiredRows rows = (cutoff, batch) -> {
      calls[0]++;
      return Map.of("refresh_tokens", batch);
    };
    new ExpiredRowsCleanup(rows, clock, Duration.ofMinutes(10), metrics).run();
    assertThat(calls[0]).isEqualTo(ExpiredRowsCleanup.MAX_BATCHES);
  }

  @Test
  void whenAnotherNodeIsAtItNothingHappens() {
    ExpiredRows rows = (cutoff, batch) -> Map.of();
    assertThat(new ExpiredRowsCleanup(rows, clock, Duration.ofMinutes(10), metrics).run()).isEmpty();
  }
}
