package io.touchpulse.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import io.touchpulse.schema.TermCount;
import io.touchpulse.schema.TouchpointHealth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API over a fake pipeline: filters, ordering, status codes, and that no response ever
 * shows raw personal data, even when a stored record carries some (records written before a
 * redaction rule existed, or by another producer).
 */
class HttpApiTest {
    private static final String CARD = "4111 1111 1111 1111";
    private static final String MAIL = "jo.bloggs@example.com";
    private static final String PHONE = "+44 20 7946 0958";
    private static final String RAW = "Charged twice on card " + CARD + ", call " + PHONE + " or mail " + MAIL;
    private static final Instant T = Instant.parse("2026-03-02T10:05:00Z");

    static HttpApi api;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        PipelineView view = new FixedPipeline(List.of(health("premium", "billing"), health("consumer", "search")),
                List.of(alert("a1", AlertStatus.RESOLVED, Severity.WARNING, T.minusSeconds(3600)),
                        alert("a2", AlertStatus.FIRING, Severity.CRITICAL, T.minusSeconds(600)),
                        alert("a3", AlertStatus.FIRING, Severity.WARNING, T.minusSeconds(60))));
        api = HttpApi.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), view);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static TouchpointHealth health(String segment, String touchpoint) {
        return TouchpointHealth.newBuilder().setSegment(segment).setTouchpoint(touchpoint)
                .setWindowStart(T.minusSeconds(300)).setWindowEnd(T).setEvents(10).setDistinctCustomers(3)
                .setDissatisfied(4).setDissatisfiedRate(0.4).setTextEvents(2)
                .setTopNegativeTerms(List.of(new TermCount("charged twice", 2L)))
                .setSampleVerbatims(List.of(RAW)).build();
    }

    static Alert alert(String fingerprint, AlertStatus status, Severity severity, Instant startsAt) {
        return Alert.newBuilder().setFingerprint(fingerprint).setStatus(status).setSeverity(severity)
                .setSegment("premium").setTouchpoint("billing").setMetric("dissatisfied_rate").setDirection("up")
                .setObserved(0.4).setBaseline(0.1).setScore(0.9).setStartsAt(startsAt)
                .setEndsAt(status == AlertStatus.RESOLVED ? T : null).setWindowStart(T.minusSeconds(300)).setWindowEnd(T)
                .setSummary("premium / billing: dissatisfied rate up")
                .setEvidence(AlertEvidence.newBuilder().setEvents(10).setDissatisfied(4).setDistinctCustomers(3)
                        .setVerbatims(List.of(RAW)).build())
                .build();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void responsesNeverShowRawPersonalData() throws Exception {
        for (String path : List.of("/api/touchpoints", "/api/alerts", "/api/alerts?status=firing")) {
            String body = get(path).body();
            assertThat(body).as(path).contains("Charged twice on card [card]", "[phone]", "[email]")
                    .doesNotContain(CARD, MAIL, "7946");
        }
    }

    @Test
    void alertsListFiringFirstNewestFirstAndFilter() throws Exception {
        String all = get("/api/alerts").body();
        assertThat(all.indexOf("\"a3\"")).isLessThan(all.indexOf("\"a2\""));
        assertThat(all.indexOf("\"a2\"")).isLessThan(all.indexOf("\"a1\""));
        assertThat(get("/api/alerts?status=resolved").body()).contains("\"a1\"").doesNotContain("\"a2\"", "\"a3\"");
        assertThat(get("/api/alerts?severity=critical").body()).contains("\"a2\"").doesNotContain("\"a1\"", "\"a3\"");
        assertThat(get("/api/alerts?fingerprint=a1").body()).contains("\"status\":\"resolved\"", "\"endsAt\":\"2026-03-02T10:05:00Z\"");
        HttpResponse<String> bad = get("/api/alerts?status=open");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("status must be firing or resolved");
    }

    @Test
    void touchpointsFilterBySegment() throws Exception {
        assertThat(get("/api/touchpoints?segment=consumer").body()).contains("\"touchpoint\":\"search\"").doesNotContain("premium");
    }

    @Test
    void livePageAndItsScriptComeFromTheJarWithNothingExternal() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"live.js\"></script>", "id=\"heatmap\"");
        HttpResponse<String> script = get("/live.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(script.body()).contains("new EventSource('api/stream')").doesNotContain("innerHTML");
        for (String body : List.of(page.body(), script.body())) {
            assertThat(body).doesNotContain("http://", "https://", "@import", "fonts.");
        }
    }
}
