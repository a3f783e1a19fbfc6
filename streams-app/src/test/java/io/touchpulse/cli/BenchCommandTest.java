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

/** A tiny bench run end to end, without the alert phase: the JSON has the contract keys and sane values. Times nothing. */
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
                    "--customers", "2000", "--no-alerts", "--output", file.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(rc).isZero();
        // other output may share System.out inside the test JVM; the file holds exactly the JSON that was printed
        String printed = Files.readString(file);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(printed.strip());
        JsonNode json = new ObjectMapper().readTree(printed);

        for (String key : new String[] {"pipeline_events_per_s", "baseline_windowed_count_events_per_s", "raw_consume_events_per_s",
                "ratio_to_baseline", "produce_events_per_s"}) {
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
    }
}
