package io.touchpulse.cli;

import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts survive a restart on a real broker: the app is stopped while an alert is firing and started
 * again with an empty state directory (so every baseline and alert comes back from the changelogs).
 * The alert then resolves once, and no transition is ever emitted twice.
 */
class AlertRestartTest {
    private static final Topics TOPICS = Topics.defaults();
    private EmbeddedKafkaBroker broker;
    private AppServices app;
    private final List<Path> dirs = new ArrayList<>();

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
        dirs.forEach(DemoCommand::deleteQuietly);
    }

    private TouchpulseConfig config() throws Exception {
        Path stateDir = Files.createTempDirectory("tp-alert-restart");
        dirs.add(stateDir);
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("state.dir", stateDir.toString());
        m.put("application.id", "tp-alert-restart");
        m.put("topic.partitions", "2");
        m.put("watermark.idle-timeout", "2s");
        m.put("alert.delivery", "false");
        return TouchpulseConfig.from(m);
    }

    @Test
    void aFiringAlertResolvesOnceAfterARestartAndNothingIsRepeated() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null);
        TouchpulseConfig config = config();
        app = AppServices.start(config);
        // an hour of yesterday's traffic for the baselines, then checkout 5xx for premium at minute 68 for 12 minutes
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(14));
        SimConfig simConfig = new SimConfig(11, start, 2000, 40, Incident.named(List.of("checkout-5xx"), Duration.ofMinutes(68)));
        Simulator sim = new Simulator(simConfig);
        try (KafkaEventSink sink = new KafkaEventSink(config.kafkaClientMap(), TOPICS)) {
            sim.emitProfiles(sink);
            sim.advance(Duration.ofMinutes(74), sink);
            sink.flush();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> alerts(config).stream().anyMatch(a -> isCheckoutErrors(a) && a.getStatus() == AlertStatus.FIRING));

        app.close();
        TouchpulseConfig fresh = config(); // empty state dir: restore from the changelogs
        app = AppServices.start(fresh);
        try (KafkaEventSink sink = new KafkaEventSink(fresh.kafkaClientMap(), TOPICS)) {
            sim.advance(Duration.ofMinutes(26), sink); // up to minute 100: the incident repeats at minute 104
            sink.flush();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> alerts(fresh).stream().anyMatch(a -> isCheckoutErrors(a) && a.getStatus() == AlertStatus.RESOLVED));

        List<Alert> all = alerts(fresh);
        Map<String, Long> transitions = all.stream().collect(Collectors.groupingBy(
                a -> a.getFingerprint() + " " + a.getStartsAt() + " " + a.getStatus() + " " + a.getSeverity(), Collectors.counting()));
        assertThat(transitions).as("each transition once").allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        List<Alert> checkout = all.stream().filter(AlertRestartTest::isCheckoutErrors).toList();
        assertThat(checkout).extracting(Alert::getStartsAt).containsOnly(checkout.get(0).getStartsAt());
        assertThat(checkout.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED)).hasSize(1);
        assertThat(app.pipeline.alerts()).filteredOn(AlertRestartTest::isCheckoutErrors)
                .singleElement().extracting(Alert::getStatus).isEqualTo(AlertStatus.RESOLVED);
    }

    private static boolean isCheckoutErrors(Alert a) {
        return a.getSegment().equals("premium") && a.getTouchpoint().equals("checkout") && a.getMetric().equals("error_rate");
    }

    private List<Alert> alerts(TouchpulseConfig c) {
        Properties p = c.kafkaClientProperties();
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(TOPICS.alerts()).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Alert> out = new ArrayList<>();
            var serde = AvroSerde.of(Alert.class);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(serde.deserializer().deserialize(r.topic(), r.value())));
            }
            return out;
        }
    }
}
