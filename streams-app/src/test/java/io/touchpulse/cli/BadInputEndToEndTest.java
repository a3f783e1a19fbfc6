package io.touchpulse.cli;

import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.broker.TopicProvisioner;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.BadInput;
import io.touchpulse.topology.DeadLetters;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8, bad input, on a real broker: one batch interleaving every bad class ({@link BadInput}), a 3 MB record
 * and an unreadable profile with good records. Every bad record is on tp.dlq with its reason, a message naming
 * the problem and its original bytes; the metric counts each reason; the app stays RUNNING; and the health
 * windows count exactly the good records.
 */
class BadInputEndToEndTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBatchOfEveryBadClassIsDeadLetteredAndTheGoodRecordsAroundItAreAllCounted() throws Exception {
        Path state = Files.createTempDirectory("tp-bad-e2e");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null)) {
            Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
            m.putAll(Map.of("bootstrap.servers", broker.bootstrapServers(), "http.port", "0", "http.host", "127.0.0.1",
                    "state.dir", state.toString(), "application.id", "tp-bad-e2e", "topic.partitions", "2",
                    "watermark.idle-timeout", "1s", "window.size", "1m", "window.advance", "1m"));
            TouchpulseConfig config = TouchpulseConfig.from(m);
            // a topic that allows records of several MB, as some producers' topics do
            TopicProvisioner.createAndAwait(config.kafkaClientMap(), Map.of(TOPICS.interactions(), 2),
                    Map.of(TOPICS.interactions(), Map.of("max.message.bytes", "8388608")));
            AppServices app = AppServices.start(config);
            try {
                Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
                List<BadInput.Case> cases = new ArrayList<>(BadInput.cases(TOPICS, at, Instant.now()));
                byte[] big = BadInput.bytes(BadInput.chat("big", "c-1", at, "x".repeat(3_000_000)));
                cases.add(new BadInput.Case("3 MB record", TOPICS.interactions(), "c-1", big, null, "INVALID", "more than validation.max-text-chars"));
                cases.add(new BadInput.Case("profile not Avro", TOPICS.customerProfiles(), "p-1", "not a profile".getBytes(), null,
                        "DESERIALIZATION", "not Avro single-object encoding"));
                Properties p = config.kafkaClientProperties();
                p.put("max.request.size", "8388608");
                int good = 0;
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (BadInput.Case c : cases) {
                        String key = "g" + good;
                        producer.send(new ProducerRecord<>(TOPICS.webTraffic(), key.getBytes(),
                                BadInput.bytes(BadInput.web("good-" + good, key, at.plusSeconds(10 + good % 40))))).get();
                        good++;
                        Long ts = c.kafkaTime() == null ? null : c.kafkaTime().toEpochMilli();
                        producer.send(new ProducerRecord<>(c.topic(), null, ts, c.keyBytes(), c.value())).get();
                    }
                }
                List<BadInput.Case> bad = cases.stream().filter(c -> c.reason() != null).toList();
                long expectedEvents = good + cases.size() - bad.size();

                List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
                List<TouchpointHealth> windows = new ArrayList<>();
                try (Reader dlq = new Reader(broker, TOPICS.dlq()); Reader health = new Reader(broker, TOPICS.touchpointHealth())) {
                    // the batch is processed (every dead letter out) before later records close its windows: produced right
                    // behind it, they can overtake records of the task's other topics not yet fetched (then LATE, in tp.dlq)
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        dead.addAll(dlq.poll());
                        return dead.size() >= bad.size();
                    });
                    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                        // records ten minutes on, on every partition, close the windows
                        for (int i = 0; i < 20; i++) {
                            producer.send(new ProducerRecord<>(TOPICS.webTraffic(), ("closer" + i).getBytes(),
                                    BadInput.bytes(BadInput.web("closer" + i, "closer" + i, at.plus(Duration.ofMinutes(10)))))).get();
                        }
                    }
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        dead.addAll(dlq.poll());
                        health.poll().forEach(r -> windows.add(AvroSerde.of(TouchpointHealth.class).deserialize(null, r.value())));
                        return dead.size() >= bad.size() && windows.stream().anyMatch(w -> w.getWindowEnd().equals(at.plus(Duration.ofMinutes(1))));
                    });
                }
                for (BadInput.Case c : bad) {
                    assertThat(dead).as(c.name() + " on " + c.topic()).anySatisfy(r -> {
                        assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(c.topic());
                        assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo(c.reason());
                        assertThat(DeadLetters.header(r.headers(), DeadLetters.MESSAGE)).contains(c.message());
                        if (c.value() != null && c.value().length > 2_000_000) {
                            // cut to fit the default request size, with the original size said
                            assertThat(DeadLetters.header(r.headers(), DeadLetters.ORIGINAL_BYTES)).isEqualTo(Integer.toString(c.value().length));
                            assertThat(c.value()).startsWith(r.value());
                        } else {
                            assertThat(r.value()).isEqualTo(c.value());
                        }
                    });
                }
                assertThat(dead).as(() -> dead.stream().map(r -> DeadLetters.header(r.headers(), DeadLetters.REASON) + " "
                        + DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC) + ": " + DeadLetters.header(r.headers(), DeadLetters.MESSAGE))
                        .collect(Collectors.joining("\n"))).hasSize(bad.size());
                long counted = windows.stream().filter(w -> w.getWindowEnd().equals(at.plus(Duration.ofMinutes(1))))
                        .mapToLong(TouchpointHealth::getEvents).sum();
                assertThat(counted).as("events in the windows = the good records").isEqualTo(expectedEvents);

                String metrics = get(app, "/metrics").body();
                Map<String, Long> expected = bad.stream().collect(Collectors.groupingBy(c -> c.reason() + "|" + c.topic(), Collectors.counting()));
                expected.forEach((k, n) -> assertThat(dlqMetric(metrics, k.split("\\|")[0], k.split("\\|")[1])).as(k).isEqualTo(n));
                assertThat(get(app, "/health/ready").statusCode()).isEqualTo(200);
            } finally {
                app.close();
            }
        } finally {
            DemoCommand.deleteQuietly(state);
        }
    }

    private static long dlqMetric(String metrics, String reason, String topic) {
        Matcher mt = Pattern.compile("touchpulse_dlq_records_total\\{reason=\"" + reason + "\",topic=\"" + Pattern.quote(topic) + "\"} ([0-9.E]+)")
                .matcher(metrics);
        return mt.find() ? (long) Double.parseDouble(mt.group(1)) : 0;
    }

    private static HttpResponse<String> get(AppServices app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A read_committed consumer of one topic from the beginning. */
    private static final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Reader(EmbeddedKafkaBroker broker, String topic) {
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("group.id", "bad-e2e-" + topic);
            p.put("auto.offset.reset", "earliest");
            p.put("isolation.level", "read_committed");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        List<ConsumerRecord<byte[], byte[]>> poll() {
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            consumer.poll(Duration.ofMillis(300)).forEach(out::add);
            return out;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
