package io.touchpulse.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per million customers: the slope between the extreme points (fixed costs cancel), or one point scaled. */
class StateReportTest {
    private static final long MB = 1024 * 1024;

    private static StateBench.Result point(int customers, long stateBytes, long changelogBytes, long heapBytes) {
        return new StateBench.Result(customers, customers, 3L * customers, 1.0, Map.of("customers", stateBytes),
                Map.of("customers-changelog", changelogBytes), Map.of(), heapBytes, customers / 4,
                Map.of("customers", stateBytes / 2, "customer-deadlines", stateBytes / 10));
    }

    @Test
    void twoPointsGiveTheSlope() {
        // 10 MB fixed + 50 MB per 100k customers
        List<StateBench.Result> points = List.of(point(1_000_000, 510 * MB, 200 * MB, 90 * MB), point(100_000, 60 * MB, 20 * MB, 9 * MB));
        assertThat(StateReport.perMillion(points, StateBench.Result::stateDirBytes)).isEqualTo(500.0);
        assertThat(StateReport.perMillion(points, StateBench.Result::internalBytes)).isEqualTo(200.0);
        assertThat(StateReport.perMillion(points, StateBench.Result::heapDeltaBytes)).isEqualTo(90.0);
        assertThat(StateReport.perMillion(points, StateBench.Result::memtableTotalBytes)).isEqualTo(300.0); // (255 + 51) - (30 + 6)
        assertThat(StateReport.of(points).get("per_million_customers").toString()).contains("slope");
    }

    @Test
    void onePointIsScaled() {
        List<StateBench.Result> points = List.of(point(250_000, 30 * MB, 10 * MB, 5 * MB));
        assertThat(StateReport.perMillion(points, StateBench.Result::stateDirBytes)).isEqualTo(120.0);
        assertThat(StateReport.of(points).get("per_million_customers").toString()).contains("single point");
    }
}
