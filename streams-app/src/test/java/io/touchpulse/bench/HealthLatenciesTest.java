package io.touchpulse.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health-latency rule: measured from when the producer had sent everything before window end + grace. */
class HealthLatenciesTest {

    /** Simulated time 0..10 s in 1 s steps, each reached 100 ms of wall time after the previous (speed 10), from wall 5000. */
    private static SimClock clock() {
        SimClock c = new SimClock();
        for (int i = 0; i <= 10; i++) {
            c.reached(i * 1000L, 5000 + i * 100L);
        }
        return c;
    }

    @Test
    void measuresFromTheStepThatReachedWindowEndPlusGrace() {
        SimClock c = clock();
        // window end 2 s + grace 1 s = 3 s simulated, reached at wall 5300; seen at 5450
        List<HealthLatencies.Measured> m = HealthLatencies.measure(List.of(new HealthLatencies.Seen(2000, 5450)), 1000, c);
        assertThat(m).containsExactly(new HealthLatencies.Measured(2000, 150));
        // between two steps: the later step is the first that had sent everything before it
        assertThat(c.wallWhenReached(3500)).isEqualTo(5400);
        assertThat(c.wallWhenReached(3000)).isEqualTo(5300);
    }

    @Test
    void leavesOutWindowsNotClosedByLiveEvents() {
        SimClock c = clock();
        List<HealthLatencies.Seen> seen = List.of(
                new HealthLatencies.Seen(-2000, 5100),  // end + grace before the first step: closed by earlier input
                new HealthLatencies.Seen(8500, 7000),   // end + grace within a simulated second of the last step
                new HealthLatencies.Seen(12000, 7000),  // beyond the last step: closed by idle timeouts
                new HealthLatencies.Seen(6000, 5800));  // measured: 7 s reached at 5700
        assertThat(HealthLatencies.measure(seen, 1000, c)).containsExactly(new HealthLatencies.Measured(6000, 100));
    }

    @Test
    void percentilesAreNearestRank() {
        List<HealthLatencies.Measured> m = java.util.stream.LongStream.rangeClosed(1, 200)
                .mapToObj(i -> new HealthLatencies.Measured(0, i)).toList();
        assertThat(HealthLatencies.percentile(m, 0.5)).isEqualTo(100);
        assertThat(HealthLatencies.percentile(m, 0.99)).isEqualTo(198);
        assertThat(HealthLatencies.percentile(m, 1.0)).isEqualTo(200);
    }

    @Test
    void intervalsReportRatesAndLagPerThirtySeconds() {
        // 70 s of samples: 1000 produced and 900 committed per second, lag growing by 100 per second; the pipeline's
        // threads use 9 ms of CPU per second (10 µs per committed record), the JVM 1.5 s per second
        List<LiveSample> samples = java.util.stream.IntStream.rangeClosed(0, 70)
                .mapToObj(i -> new LiveSample(i * 1000L, i * 1000L, i * 1000L, i * 900L, 1 << 20, i * 9_000_000L, i * 1_500_000_000L)).toList();
        List<Map<String, Object>> intervals = LiveReport.intervals(samples);
        assertThat(intervals).hasSize(3); // 0-30, 30-60, and the last 10 s (at least a quarter of an interval)
        assertThat(intervals.get(0)).containsEntry("produced_events_per_s", 1000L).containsEntry("processed_events_per_s", 900L)
                .containsEntry("lag_end", 3000L).containsEntry("pipeline_cpu_us_per_event", 10.0).containsEntry("jvm_cpu_cores", 1.5);
        assertThat(intervals.get(2)).containsEntry("from_s", 60.0).containsEntry("to_s", 70.0).containsEntry("lag_max", 7000L);
        assertThat(LiveReport.keptUp(samples.get(70), 1000)).isTrue();   // 7000 <= max(10000, 2000)
        assertThat(LiveReport.keptUp(new LiveSample(0, 0, 50_000, 0, 0, -1, -1), 1000)).isFalse();
        assertThat(LiveReport.cpuMicrosPerEvent(new LiveSample(0, 0, 0, 0, 0, -1, -1), samples.get(1))).as("CPU time unknown").isNull();
        assertThat(LiveReport.cores(samples.get(1), samples.get(1))).as("no time passed").isNull();
    }
}
