package io.touchpulse.cli;

import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ingest} as a user runs it: good lines become Avro records, each bad line is named on stderr and kept in tp.dlq. */
class IngestCommandTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(0, null);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void reportsEachBadLineAndRoutesItToTheDeadLetterTopic() {
        String input = String.join("\n",
                "{\"eventId\":\"e1\",\"timestamp\":\"2026-11-24T01:40:00Z\",\"customerId\":\"c-1\",\"touchpoint\":\"checkout\",\"httpStatus\":503,\"latencyMs\":900}",
                "{\"eventId\":\"e2\",\"timestamp\":\"2026-11-24T01:41:00Z\",\"touchpoint\":\"home\",\"httpStatus\":\"ok\",\"latencyMs\":120}",
                "",
                "not json at all",
                "{\"eventId\":\"e3\",\"timestamp\":1795484400000,\"sessionId\":\"s-9\",\"touchpoint\":\"home\",\"httpStatus\":200,\"latencyMs\":80}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream oldIn = System.in;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("ingest", "--topic", "web-traffic", "-b", broker.bootstrapServers());
        } finally {
            System.setIn(oldIn);
            System.setErr(oldErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(3);
        assertThat(stderr).contains("line 2: field 'httpStatus' must be a whole number, got \"ok\"")
                .contains("line 4: not valid JSON")
                .contains("ingested 2 records into tp.web-traffic; 2 invalid lines sent to tp.dlq; 1 blank lines skipped");

        List<ConsumerRecord<byte[], byte[]>> events = readAll("tp.web-traffic", 2);
        assertThat(events).extracting(r -> new String(r.key())).containsExactlyInAnyOrder("c-1", "s-9");
        assertThat(events).extracting(r -> AvroSerde.of(WebTraffic.class).deserialize(null, r.value()).getEventId()).containsExactlyInAnyOrder("e1", "e3");

        List<ConsumerRecord<byte[], byte[]>> dead = readAll("tp.dlq", 2);
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), IngestCommand.SOURCE_LINE)).containsExactlyInAnyOrder("2", "4");
        assertThat(dead).allSatisfy(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("INVALID");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("tp.web-traffic");
        });
        assertThat(dead).extracting(r -> new String(r.value())).contains("not json at all");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("group.id", "ingest-test-" + topic);
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
