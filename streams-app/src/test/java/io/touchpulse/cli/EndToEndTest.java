package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.DeadLetters;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole product on a real (embedded) broker: the simulator with a checkout 5xx incident for
 * premium customers → the pipeline → tp.touchpoint-health and GET /api/touchpoints show premium ×
 * checkout degraded; an unreadable record lands on tp.dlq with its reason.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = Topics.defaults();
    private static EmbeddedKafkaBroker broker;
    private static AppServices app;
    private static Path stateDir;
    private static Instant start;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null);
        stateDir = Files.createTempDirectory("tp-e2e");
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("state.dir", stateDir.toString());
        m.put("application.id", "tp-e2e");
        m.put("topic.partitions", "2");
        m.put("watermark.idle-timeout", "2s");
        TouchpulseConfig config = TouchpulseConfig.from(m);
        app = AppServices.start(config);

        // 20 simulated minutes of yesterday's midday traffic: quiet first, then checkout 5xx for premium from minute 8
        start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
        SimConfig sim = new SimConfig(7, start, 2000, 40, Incident.named(List.of("checkout-5xx"), Duration.ofMinutes(8)));
        try (KafkaEventSink sink = new KafkaEventSink(config.kafkaClientMap(), TOPICS)) {
            Simulator simulator = new Simulator(sim);
            simulator.emitProfiles(sink);
            sink.flush();
            simulator.advance(Duration.ofMinutes(20), sink);
            sink.flush();
            assertThat(sink.failures()).isZero();
        }
        Properties p = config.kafkaClientProperties();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(TOPICS.webTraffic(), "bad".getBytes(), "definitely not avro".getBytes())).get();
            raw.send(new ProducerRecord<>(TOPICS.customerProfiles(), "bad-profile".getBytes(), "not a profile".getBytes())).get();
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
        DemoCommand.deleteQuietly(stateDir);
    }

    @Test
    void incidentTouchpointIsDegradedForTheRightSegment() {
        List<TouchpointHealth> health = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            health.clear();
            health.addAll(read(TOPICS.touchpointHealth(), AvroSerde.of(TouchpointHealth.class)::deserialize));
            return health.stream().anyMatch(h -> !h.getWindowEnd().isBefore(start.plus(Duration.ofMinutes(19))));
        });
        double incident = rate(health, "premium", "checkout", 13, 19);
        double before = rate(health, "premium", "checkout", 1, 7);
        double otherSegment = rate(health, "consumer", "checkout", 13, 19);
        assertThat(incident).as("premium × checkout during the incident").isGreaterThan(0.3);
        // checkout has a high everyday baseline (slow pages, abandoned carts), so the composite rate "only" doubles or more
        assertThat(incident).isGreaterThan(2 * before);
        assertThat(incident).isGreaterThan(2 * otherSegment);
        double errorsDuring = health.stream().filter(h -> h.getSegment().equals("premium") && h.getTouchpoint().equals("checkout")
                && h.getWindowEnd().equals(start.plus(Duration.ofMinutes(18)))).findFirst().orElseThrow().getErrorRate();
        double errorsBefore = health.stream().filter(h -> h.getSegment().equals("premium") && h.getTouchpoint().equals("checkout")
                && h.getWindowEnd().equals(start.plus(Duration.ofMinutes(7)))).findFirst().orElseThrow().getErrorRate();
        assertThat(errorsDuring).isGreaterThan(0.15).isGreaterThan(5 * errorsBefore);
    }

    @Test
    void apiListsEverySegmentAndTouchpointAndShowsTheIncident() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> get("/health/ready").statusCode() == 200);
        JsonNode[] premiumCheckout = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode list = JSON.readTree(get("/api/touchpoints").body());
            for (JsonNode n : list) {
                if (n.get("segment").asText().equals("premium") && n.get("touchpoint").asText().equals("checkout")
                        && !Instant.parse(n.get("windowEnd").asText()).isBefore(start.plus(Duration.ofMinutes(17)))) {
                    premiumCheckout[0] = n;
                }
            }
            return premiumCheckout[0] != null && list.size() >= 40;
        });
        assertThat(premiumCheckout[0].get("dissatisfiedRate").asDouble()).isGreaterThan(0.3);
        assertThat(premiumCheckout[0].get("errorRate").asDouble()).isGreaterThan(0.1);
        JsonNode consumerCheckout = JSON.readTree(get("/api/touchpoints?segment=consumer&touchpoint=checkout").body()).get(0);
        assertThat(consumerCheckout.get("dissatisfiedRate").asDouble()).isLessThan(premiumCheckout[0].get("dissatisfiedRate").asDouble() / 3);

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("api/stream", "live.js");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("touchpulse_signals_total{", "touchpulse_touchpoint_dissatisfied_ratio{", "jvm_memory_used_bytes", "kafka_stream_");
        assertThat(metrics).doesNotContainPattern("customer(_id|Id)=");
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicWithItsReason() {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            dead.clear();
            dead.addAll(readRecords(TOPICS.dlq()));
            return dead.stream().anyMatch(EndToEndTest::badWebRecord);
        });
        ConsumerRecord<String, byte[]> r = dead.stream().filter(EndToEndTest::badWebRecord).findFirst().orElseThrow();
        assertThat(new String(r.value())).isEqualTo("definitely not avro");
        assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPICS.webTraffic());
        assertThat(DeadLetters.header(r.headers(), DeadLetters.MESSAGE)).isNotBlank();
    }

    @Test
    void unreadableProfileIsCountedAndTheAppKeepsRunning() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                get("/metrics").body().contains("touchpulse_dlq_records_total{reason=\"DESERIALIZATION\",topic=\"tp.customer-profiles\"}"));
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            dead.clear();
            dead.addAll(readRecords(TOPICS.dlq()));
            return dead.stream().anyMatch(r -> TOPICS.customerProfiles().equals(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)));
        });
    }

    /** Dissatisfied share over the windows ending between two minutes after the simulated start. */
    private static boolean badWebRecord(ConsumerRecord<String, byte[]> r) {
        return "DESERIALIZATION".equals(DeadLetters.header(r.headers(), DeadLetters.REASON))
                && TOPICS.webTraffic().equals(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC));
    }

    private static double rate(List<TouchpointHealth> all, String segment, String touchpoint, int fromMinute, int toMinute) {
        List<TouchpointHealth> in = all.stream().filter(h -> h.getSegment().equals(segment) && h.getTouchpoint().equals(touchpoint))
                .filter(h -> !h.getWindowEnd().isBefore(start.plus(Duration.ofMinutes(fromMinute))) && !h.getWindowEnd().isAfter(start.plus(Duration.ofMinutes(toMinute))))
                .toList();
        assertThat(in).as(segment + " × " + touchpoint + " windows ending in minutes " + fromMinute + ".." + toMinute).isNotEmpty();
        return (double) in.stream().mapToLong(TouchpointHealth::getDissatisfied).sum() / in.stream().mapToLong(TouchpointHealth::getEvents).sum();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> List<T> read(String topic, java.util.function.BiFunction<String, byte[], T> decode) {
        return readRecords(topic).stream().map(r -> decode.apply(topic, r.value())).toList();
    }

    private static final Map<String, KafkaConsumer<String, byte[]>> CONSUMERS = new HashMap<>();
    private static final Map<String, List<ConsumerRecord<String, byte[]>>> SEEN = new HashMap<>();

    private static synchronized List<ConsumerRecord<String, byte[]>> readRecords(String topic) {
        KafkaConsumer<String, byte[]> c = CONSUMERS.computeIfAbsent(topic, t -> {
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("group.id", "e2e-reader-" + t);
            p.put("auto.offset.reset", "earliest");
            p.put("isolation.level", "read_committed");
            KafkaConsumer<String, byte[]> k = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            k.subscribe(List.of(t));
            return k;
        });
        // every record read so far, so tests sharing a topic do not take each other's records
        List<ConsumerRecord<String, byte[]>> seen = SEEN.computeIfAbsent(topic, t -> new ArrayList<>());
        c.poll(Duration.ofMillis(500)).forEach(seen::add);
        return List.copyOf(seen);
    }
}
