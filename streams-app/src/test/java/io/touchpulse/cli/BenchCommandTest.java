package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny bench run end to end, without the alert phase, with every other phase at its smallest: the JSON has the contract
 * keys, the new phases' keys, and sane values. Times nothing.
 */
class BenchCommandTest {

    @Test
    void smallRunPrintsTheContractKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = Main.commandLine().execute("bench", "--events", "20000", "--warmup", "0", "--partitions", "2",
                    "--customers", "2000", "--no-alerts", "--live", "5s", "--live-rate", "4000", "--sustained", "5s",
                    "--sustained-max-backlog", "20000", "--scaling", "--scaling-partitions", "1", "--scaling-threads", "1",
                    "--scaling-events", "5000", "--state-customers", "3000", "--output", file.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(rc).isZero();
        // other output may share System.out inside the test JVM; the file holds exactly the JSON that was printed
        String printed = Files.readString(file);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(printed.strip());
        JsonNode json = new ObjectMapper().readTree(printed);

        for (String key : new String[] {"pipeline_events_per_s", "baseline_windowed_count_events_per_s", "raw_consume_events_per_s",
                "ratio_to_baseline", "produce_events_per_s", "raw_produce_events_per_s", "pipeline_vs_raw_produce", "sustained_events_per_s"}) {
            assertThat(json.path(key).isNumber()).as(key).isTrue();
            assertThat(json.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(json.path("events_total").asLong()).isEqualTo(20_000);
        assertThat(json.path("late_records_dropped").isIntegralNumber()).isTrue();
        assertThat(json.path("late_records_dropped").asLong()).isNotNegative();
        assertThat(json.has("alert_latency_p50_ms")).isTrue();
        assertThat(json.path("alert_latency_p50_ms").isNull()).isTrue();
        assertThat(json.path("alert_latency_p99_ms").isNull()).isTrue();
        assertThat(json.has("alert_transitions_measured")).isTrue();
        assertThat(json.path("alert_transitions_measured").isNull()).isTrue();
        assertThat(json.path("notes").toString()).contains("alert latency phase was skipped (--no-alerts)");
        assertThat(json.path("settings").path("alert_phase").asText()).isEqualTo("skipped");
        assertThat(json.path("signals").asLong() + json.path("dlq_records").asLong()).isGreaterThanOrEqualTo(20_000);
        assertThat(json.path("environment").path("cores").asInt()).isPositive();
        assertThat(json.path("settings").path("partitions").asInt()).isEqualTo(2);

        // live phase: paced, health records measured from window end + grace; the keys are null only when it is skipped
        JsonNode live = json.path("live");
        assertThat(live.path("mode").asText()).isEqualTo("paced");
        assertThat(live.path("events").asLong()).isPositive();
        assertThat(live.path("intervals").size()).isPositive();
        assertThat(json.has("health_latency_p50_ms")).isTrue();
        assertThat(json.path("health_records_measured").asLong()).isEqualTo(live.path("health_latency_ms").path("records_measured").asLong());
        if (json.path("health_records_measured").asLong() > 0) {
            assertThat(json.path("health_latency_p99_ms").asLong()).isGreaterThanOrEqualTo(json.path("health_latency_p50_ms").asLong());
        }
        // sustained phase: saturating by default, backlog capped, so kept_up is not claimed
        JsonNode sustained = json.path("sustained");
        assertThat(sustained.path("mode").asText()).isEqualTo("saturating");
        assertThat(sustained.path("kept_up").isNull()).isTrue();
        assertThat(sustained.path("processed_events_per_s_by_interval").path("median").asLong())
                .isEqualTo(json.path("sustained_events_per_s").asLong());
        assertThat(sustained.path("heap_used_mb_max").asDouble()).isPositive();
        // scaling: one row per combination asked for
        assertThat(json.path("scaling").size()).isEqualTo(1);
        assertThat(json.path("scaling").get(0).path("partitions").asInt()).isEqualTo(1);
        assertThat(json.path("scaling").get(0).path("pipeline_events_per_s").asLong()).isPositive();
        // state: one point (the slope between two is StateReportTest's), its customers changelog, and how it was extrapolated
        JsonNode state = json.path("state");
        assertThat(state.path("points").size()).isEqualTo(1);
        assertThat(state.path("points").get(0).path("customers").asInt()).isEqualTo(3000);
        assertThat(state.path("points").get(0).path("internal_topic_mb").has("customers-changelog")).isTrue();
        assertThat(state.path("per_million_customers").path("how").asText()).contains("single point");
    }
}
