package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.alert.LocalReceiver;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.alert.notify.Json;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.http.HttpApi;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST/GET/DELETE /api/silences} on the real HTTP API and dispatcher: a silence holds back
 * matching alerts (and is counted), survives a dispatcher restart, and DELETE ends it.
 */
class SilenceApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private EmbeddedKafkaBroker broker;
    private LocalReceiver receiver;
    private TouchpulseConfig config;
    private AlertingConfig alerting;
    private PrometheusMeterRegistry registry;
    private DispatcherService dispatcher;
    private HttpApi http;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null);
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("application.id", "silence-it");
        m.put("topic.partitions", "1");
        config = TouchpulseConfig.from(m);
        receiver = LocalReceiver.reserve().start();
        alerting = AlertingConfigLoader.parse("""
                route: {receiver: hook, groupWait: 0s, groupInterval: 0s}
                receivers: [{name: hook, type: webhook, url: "%s"}]
                """.formatted(receiver.url("/hook")), "test");
        startDispatcher();
    }

    private void startDispatcher() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        dispatcher = DispatcherService.start(config, alerting, registry, Secrets.fromEnvironment(), Clock.systemUTC());
        http = HttpApi.start("127.0.0.1", 0, registry, io.touchpulse.http.FixedPipeline.empty(), new SilenceEndpoint(dispatcher, Clock.systemUTC()));
        await().atMost(Duration.ofSeconds(60)).until(dispatcher::isActive);
    }

    @AfterEach
    void stop() {
        http.close();
        dispatcher.close();
        receiver.close();
        broker.close();
    }

    @Test
    void aSilenceHoldsBackMatchingAlertsSurvivesARestartAndDeleteEndsIt() throws Exception {
        HttpResponse<String> created = send("POST", "/api/silences", """
                {"matchers": [{"name": "segment", "value": "premium"}, {"name": "touchpoint", "value": "check.*", "isRegex": true}],
                 "endsAt": "%s", "createdBy": "ops@example.com", "comment": "checkout deploy"}
                """.formatted(Instant.now().plus(Duration.ofHours(1))));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode silence = Json.MAPPER.readTree(created.body());
        String id = silence.get("id").asText();
        assertThat(silence.get("status").get("state").asText()).isEqualTo("active");
        assertThat(silence.get("matchers").get(1).get("isRegex").asBoolean()).isTrue();
        assertThat(silence.get("matchers").get(0).get("isEqual").asBoolean()).isTrue();

        http.close();
        dispatcher.close();
        startDispatcher(); // the silence is in the state topic
        JsonNode listed = Json.MAPPER.readTree(send("GET", "/api/silences?state=active", null).body());
        assertThat(listed).extracting(n -> n.get("id").asText()).containsExactly(id);

        Alert silenced = TestAlerts.firing("premium", "checkout", "error_rate", Severity.CRITICAL);
        Alert other = TestAlerts.firing("consumer", "checkout", "error_rate", Severity.CRITICAL);
        produce(List.of(silenced, other));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.scrape().contains("touchpulse_alerts_silenced_total 1.0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests().isEmpty());
        assertThat(receiver.requests()).hasSize(1).allSatisfy(r -> assertThat(r.body()).contains("\"segment\":\"consumer\"").doesNotContain("\"segment\":\"premium\""));

        HttpResponse<String> deleted = send("DELETE", "/api/silences/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(deleted.body()).get("status").get("state").asText()).isEqualTo("expired");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().stream().anyMatch(r -> r.body().contains("\"segment\":\"premium\"")));
        assertThat(Json.MAPPER.readTree(send("GET", "/api/silences/" + id, null).body()).get("createdBy").asText()).isEqualTo("ops@example.com");

        String metrics = registry.scrape();
        assertThat(metrics).contains("touchpulse_alert_deliveries_total{outcome=\"delivered\",receiver=\"hook\"} 2.0")
                .contains("touchpulse_alert_delivery_seconds_count{receiver=\"hook\"}").contains("touchpulse_alert_dispatcher_active 1.0");
    }

    @Test
    void invalidSilencesAreRejectedWithTheReasonAndUnknownIdsAre404() throws Exception {
        HttpResponse<String> noMatcher = send("POST", "/api/silences", "{\"matchers\": [], \"endsAt\": \"2999-01-01T00:00:00Z\", \"createdBy\": \"a\", \"comment\": \"b\"}");
        assertThat(noMatcher.statusCode()).isEqualTo(400);
        assertThat(noMatcher.body()).contains("at least one matcher");
        HttpResponse<String> badLabel = send("POST", "/api/silences", "{\"matchers\": [{\"name\": \"customerId\", \"value\": \"c-1\"}], \"endsAt\": \"2999-01-01T00:00:00Z\", \"createdBy\": \"a\", \"comment\": \"b\"}");
        assertThat(badLabel.statusCode()).isEqualTo(400);
        assertThat(badLabel.body()).contains("customerId").contains("must be one of");
        HttpResponse<String> noComment = send("POST", "/api/silences", "{\"matchers\": [{\"name\": \"segment\", \"value\": \"x\"}], \"endsAt\": \"2999-01-01T00:00:00Z\", \"createdBy\": \"a\"}");
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/silences", "not json").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/silences/nope", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/silences/nope", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/silences", null).body()).isEqualTo("[]");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void produce(List<Alert> alerts) throws Exception {
        AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : alerts) {
                p.send(new ProducerRecord<>(config.topicPrefix() + "alerts", a.getSegment() + "|" + a.getTouchpoint(), serde.serialize("", a))).get();
            }
        }
    }
}
