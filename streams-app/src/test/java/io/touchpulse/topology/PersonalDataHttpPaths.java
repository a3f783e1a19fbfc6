package io.touchpulse.topology;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.http.AvroJson;
import io.touchpulse.http.HttpApi;
import io.touchpulse.http.InsightsView;
import io.touchpulse.http.PipelineView;
import io.touchpulse.journey.CustomerState;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API over what a {@link PipelineDriver} run produced: the latest health windows and alert transitions it
 * emitted, and its customer, idea and trend stores read the way the app's local views read them; every read path
 * fetched, its bodies returned for a scan.
 */
final class PersonalDataHttpPaths {
    private PersonalDataHttpPaths() {}

    /** Every GET path's body (one per line), {@code customers} looked up one by one. */
    static List<String> fetchAll(PipelineDriver d, PrometheusMeterRegistry registry, List<TouchpointHealth> health, List<Alert> alerts,
                                 List<JourneyIssue> issues, List<String> customers) throws Exception {
        HttpApi api = HttpApi.start("127.0.0.1", 0, registry, pipeline(health, alerts), null, insights(d, issues));
        try {
            HttpClient http = HttpClient.newHttpClient();
            List<String> paths = new ArrayList<>(List.of("/api/touchpoints", "/api/alerts", "/api/customers?minRisk=0&limit=1000",
                    "/api/journey-issues?limit=1000", "/api/ideas?limit=1000", "/api/trends", "/metrics"));
            customers.forEach(c -> paths.add("/api/customers/" + c));
            List<String> bodies = new ArrayList<>();
            for (String p : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + p)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(p).isEqualTo(200);
                bodies.add(p + " " + r.body());
            }
            return bodies;
        } finally {
            api.close();
        }
    }

    private static PipelineView pipeline(List<TouchpointHealth> health, List<Alert> alerts) {
        Map<String, TouchpointHealth> latest = new LinkedHashMap<>();
        health.forEach(h -> latest.merge(HealthKey.of(h.getSegment(), h.getTouchpoint()), h,
                (a, b) -> b.getWindowEnd().isAfter(a.getWindowEnd()) ? b : a));
        Map<String, Alert> byFingerprint = new LinkedHashMap<>();
        alerts.forEach(a -> byFingerprint.put(a.getFingerprint(), a));
        return new PipelineView() {
            public String state() { return "RUNNING"; }
            public boolean ready() { return true; }
            public List<TouchpointHealth> latestHealth() { return List.copyOf(latest.values()); }
            public List<Alert> alerts() { return List.copyOf(byFingerprint.values()); }
        };
    }

    /** As cli.LocalInsights reads the stores, without a KafkaStreams around them. */
    @SuppressWarnings("unchecked")
    private static InsightsView insights(PipelineDriver d, List<JourneyIssue> issues) {
        // the customer store is our own StateStore (not a KeyValueStore), which the driver's typed getters refuse
        ReadOnlyKeyValueStore<String, byte[]> customers = (ReadOnlyKeyValueStore<String, byte[]>) d.driver.getAllStateStores().get(Stores.CUSTOMERS);
        return new InsightsView() {
            public Optional<Map<String, Object>> customer(String id) {
                return Optional.ofNullable(customers.get(id)).map(b -> CustomerState.decode(b).toJson());
            }

            public List<Map<String, Object>> atRiskCustomers(String segment, double minRisk, int limit) {
                List<Map<String, Object>> all = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = customers.all()) {
                    it.forEachRemaining(kv -> all.add(CustomerState.decode(kv.value).toSummaryJson()));
                }
                return all.stream().limit(limit).toList();
            }

            public List<Map<String, Object>> journeyIssues(String type, String customerId, int limit) {
                return issues.stream().sorted(Comparator.comparing(JourneyIssue::getDetectedAt).reversed()).limit(limit).map(AvroJson::of).toList();
            }

            public List<Map<String, Object>> ideas(int limit) {
                return IdeaBoardStage.topIdeas(d.driver.getKeyValueStore(Stores.IDEAS), limit).stream().map(AvroJson::of).toList();
            }

            public List<Map<String, Object>> trends(String segment, String touchpoint) {
                return TermTrendStage.currentTrends(d.driver.getKeyValueStore(Stores.TERM_TRENDS), segment, touchpoint).stream()
                        .map(AvroJson::of).toList();
            }
        };
    }
}
