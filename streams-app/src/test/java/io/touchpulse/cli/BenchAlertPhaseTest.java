package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's alert phase end to end, shortened (tiny throughput round, 30 simulated live minutes at 300x): alerts
 * fire on the simulated incidents, reach the local webhook signed, and the latency keys are numbers. Times nothing.
 */
class BenchAlertPhaseTest {

    @Test
    void alertPhaseMeasuresDeliveredTransitions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        int rc = Main.commandLine().execute("bench", "--events", "20000", "--warmup", "0", "--partitions", "2", "--customers", "2000",
                "--alert-speed", "300", "--alert-live", "30m", "--output", file.toString());
        assertThat(rc).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));

        assertThat(json.path("alert_latency_p50_ms").isIntegralNumber()).isTrue();
        assertThat(json.path("alert_latency_p99_ms").isIntegralNumber()).isTrue();
        assertThat(json.path("alert_latency_p50_ms").asLong()).isPositive().isLessThanOrEqualTo(json.path("alert_latency_p99_ms").asLong());
        long measured = json.path("alert_transitions_measured").asLong();
        assertThat(measured).isPositive();

        JsonNode detail = json.path("alert_latency");
        assertThat(detail.path("transitions_measured").asLong()).isEqualTo(measured);
        assertThat(detail.path("transitions_emitted").asLong()).isGreaterThanOrEqualTo(measured);
        assertThat(detail.path("webhook_posts").asLong()).isPositive();
        assertThat(detail.path("webhook_bad_signatures").asLong()).isZero();
        assertThat(detail.path("window_close_to_webhook_ms").path("p99").asLong()).isEqualTo(json.path("alert_latency_p99_ms").asLong());
        // the first incident (premium x checkout, 5xx surge) is among the touchpoints that alerted
        assertThat(detail.path("transitions_by_segment_touchpoint").has("premium|checkout")).isTrue();
        assertThat(json.path("settings").path("alert_phase").path("speed").asDouble()).isEqualTo(300.0);
    }
}
