package io.touchpulse.alert.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.alert.LocalReceiver;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the bench can measure "alert on tp.alerts → webhook at a local receiver": a {@code webhook}
 * receiver pointed at a local HTTP server, group wait 0, one alert at a time. Prints the
 * latencies; asserts only that every alert arrived (performance is measured, not asserted).
 */
class AlertDeliveryLatencyTest {
    private static final int ALERTS = 60;

    @Test
    void measuresProduceToWebhookLatency() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null); LocalReceiver receiver = LocalReceiver.reserve().start()) {
            Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
            m.put("bootstrap.servers", broker.bootstrapServers());
            m.put("application.id", "latency-it");
            m.put("topic.partitions", "1");
            TouchpulseConfig config = TouchpulseConfig.from(m);
            AlertingConfig alerting = AlertingConfigLoader.parse("""
                    route: {receiver: hook, groupWait: 0s, groupInterval: 0s}
                    receivers: [{name: hook, type: webhook, url: "%s"}]
                    """.formatted(receiver.url("/hook")), "test");
            List<Long> micros = new ArrayList<>();
            try (DispatcherService d = DispatcherService.start(config, alerting, new SimpleMeterRegistry(), Secrets.fromEnvironment(), Clock.systemUTC());
                 KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", "0"),
                         new StringSerializer(), new ByteArraySerializer())) {
                await().atMost(Duration.ofSeconds(60)).until(d::isActive);
                AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
                for (int i = 0; i < ALERTS; i++) {
                    Alert a = TestAlerts.firing("segment-" + i, "checkout", "error_rate", Severity.WARNING);
                    int before = receiver.requests().size();
                    long t0 = System.nanoTime();
                    p.send(new ProducerRecord<>(config.topicPrefix() + "alerts", a.getSegment() + "|checkout", serde.serialize("", a)));
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> receiver.requests().size() > before);
                    micros.add((System.nanoTime() - t0) / 1_000);
                }
            }
            assertThat(receiver.requests()).hasSize(ALERTS);
            List<Long> warm = new ArrayList<>(micros.subList(10, micros.size())); // the first ones pay for class loading and connections
            Collections.sort(warm);
            System.out.printf("alert delivery latency, tp.alerts -> local webhook (%d alerts after 10 warm-up): p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
                    warm.size(), warm.get(warm.size() / 2) / 1e3, warm.get(warm.size() * 9 / 10) / 1e3, warm.get(warm.size() - 1) / 1e3);
        }
    }
}
