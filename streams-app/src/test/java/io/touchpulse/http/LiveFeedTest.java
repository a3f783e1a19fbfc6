package io.touchpulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** GET /api/stream without a browser: the snapshot's shape, a failing section, repeated pushes, and clean-up of gone clients. */
class LiveFeedTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void snapshotHasEverySectionAndNamesTheOneThatFailed() throws Exception {
        LivePageFixture f = new LivePageFixture();
        LiveSources base = LiveSources.of(f, f);
        LiveSources sources = new LiveSources(base.pipeline(), base.touchpoints(), base.firingAlerts(),
                () -> { throw new IllegalStateException("trend store is not queryable yet"); },
                base.customers(), base.journeyIssues(), base.ideas());
        JsonNode snap = JSON.valueToTree(sources.snapshot(Instant.parse("2026-03-02T10:05:00Z")));

        assertThat(snap.get("generatedAt").asText()).isEqualTo("2026-03-02T10:05:00Z");
        assertThat(snap.at("/pipeline/state").asText()).isEqualTo("RUNNING");
        assertThat(snap.get("touchpoints")).hasSize(f.health().size());
        assertThat(snap.get("alerts")).as("firing only").hasSize(2);
        assertThat(snap.at("/alerts/0/status").asText()).isEqualTo("firing");
        assertThat(snap.get("customers")).hasSize(LiveSources.CUSTOMERS);
        assertThat(snap.get("journeyIssues")).hasSize(LivePageInsights.ISSUES);
        assertThat(snap.get("ideas")).hasSize(LivePageInsights.IDEAS);
        assertThat(snap.get("trends")).isEmpty();
        assertThat(snap.at("/errors/trends").asText()).isEqualTo("trend store is not queryable yet");
        assertThat(snap.get("errors")).hasSize(1);
    }

    @Test
    void listsAreCutToThePageLimits() {
        Map<String, Object> row = Map.of("x", 1);
        List<Map<String, Object>> many = java.util.Collections.nCopies(100, row);
        LiveSources s = new LiveSources(Map::of, () -> many, () -> many, () -> many, () -> many, () -> many, () -> many);
        Map<String, Object> snap = s.snapshot(Instant.EPOCH);
        assertThat((List<?>) snap.get("trends")).hasSize(LiveSources.TRENDS);
        assertThat((List<?>) snap.get("customers")).hasSize(LiveSources.CUSTOMERS);
        assertThat((List<?>) snap.get("journeyIssues")).hasSize(LiveSources.JOURNEY_ISSUES);
        assertThat((List<?>) snap.get("ideas")).hasSize(LiveSources.IDEAS);
        assertThat((List<?>) snap.get("touchpoints")).hasSize(100);
    }

    @Test
    void rejectsIntervalsThatWouldFloodClients() {
        LivePageFixture f = new LivePageFixture();
        assertThatThrownBy(() -> new LiveFeed(LiveSources.of(f, f), Duration.ofMillis(10), Duration.ofSeconds(15), java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 100ms");
    }

    @Test
    void streamPushesSnapshotsAndForgetsClientsThatLeft() throws Exception {
        LivePageFixture f = new LivePageFixture();
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null,
                QuerySources.local(f, f), Duration.ofMillis(200))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/stream"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            await().until(api::liveClients, n -> n == 1);

            try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                JsonNode first = nextSnapshot(in);
                assertThat(first.get("alerts")).hasSize(2);
                f.advance();
                JsonNode later = nextSnapshot(in);
                while (later.get("alerts").size() == 2) {
                    later = nextSnapshot(in);
                }
                assertThat(later.get("alerts")).hasSize(3);
                assertThat(later.at("/journeyIssues/0/issueId").asText()).isEqualTo(LivePageFixture.NEW_ISSUE);
            }
            // the browser went away: the next write fails and the client is dropped
            await().atMost(Duration.ofSeconds(10)).until(api::liveClients, n -> n == 0);
        }
    }

    static JsonNode nextSnapshot(BufferedReader in) throws Exception {
        String event = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "snapshot".equals(event)) {
                return JSON.readTree(line.substring(5).trim());
            }
        }
        throw new AssertionError("stream ended before a snapshot event");
    }
}
