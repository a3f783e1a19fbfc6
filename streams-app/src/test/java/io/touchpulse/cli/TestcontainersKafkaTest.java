package io.touchpulse.cli;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Touchpulse against the real {@code apache/kafka} image (the one docker-compose.yml runs, same
 * version as our clients), not the embedded broker: simulated events in, final windows out on
 * {@code tp.touchpoint-health}, the readiness probe green. Needs Docker; where there is none the
 * whole class is reported as skipped before anything starts (under a second).
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker environment: Testcontainers test skipped")
class TestcontainersKafkaTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaContainer kafka;
    private static AppServices app;
    private static Path stateDir;
    private static Instant start;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()));
        kafka.start();

        stateDir = Files.createTempDirectory("tp-testcontainers");
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", kafka.getBootstrapServers());
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("state.dir", stateDir.toString());
        m.put("application.id", "tp-testcontainers");
        m.put("topic.partitions", "2");
        m.put("watermark.idle-timeout", "2s");
        TouchpulseConfig config = TouchpulseConfig.from(m);
        app = AppServices.start(config);

        // 12 simulated minutes of yesterday's midday traffic, no incident
        start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
        SimConfig sim = new SimConfig(11, start, 500, 20, List.of());
        try (KafkaEventSink sink = new KafkaEventSink(config.kafkaClientMap(), TOPICS)) {
            Simulator simulator = new Simulator(sim);
            simulator.emitProfiles(sink);
            sink.flush();
            simulator.advance(Duration.ofMinutes(12), sink);
            sink.flush();
            assertThat(sink.failures()).isZero();
        }
    }

    /** Testcontainers' own probe; without Docker it answers false (after logging why) instead of throwing. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (stateDir != null) {
            DemoCommand.deleteQuietly(stateDir);
        }
    }

    @Test
    void simulatedEventsBecomeTouchpointHealthWindows() throws Exception {
        List<TouchpointHealth> health = new ArrayList<>();
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", kafka.getBootstrapServers());
        p.put("group.id", "tp-testcontainers-reader");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPICS.touchpointHealth()));
            var decode = AvroSerde.of(TouchpointHealth.class);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    health.add(decode.deserialize(r.topic(), r.value()));
                }
                return health.stream().anyMatch(h -> !h.getWindowEnd().isBefore(start.plus(Duration.ofMinutes(8))));
            });
        }
        assertThat(health).allSatisfy(h -> {
            assertThat(h.getSegment()).isNotEmpty();
            assertThat(h.getTouchpoint()).isNotEmpty();
            assertThat(h.getEvents()).isPositive();
            assertThat(h.getWindowEnd()).isAfter(h.getWindowStart());
        });
        assertThat(health.stream().map(TouchpointHealth::getTouchpoint).distinct().count()).isGreaterThan(3);

        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.http.port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }
}
