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

    @Test
    void invalidUtf8MissingFieldsUnknownEnumsAndHugeLinesAreNamedByLine() throws Exception {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        String ok = "{\"eventId\":\"i1\",\"timestamp\":\"2026-11-24T01:40:00Z\",\"customerId\":\"c-1\",\"kind\":\"CHAT\","
                + "\"touchpoint\":\"billing\",\"channel\":\"chat\",\"text\":\"thanks\"}\n";
        in.write(ok.getBytes(StandardCharsets.UTF_8));
        in.write("{\"eventId\":\"i2\",\"timestamp\":\"2026-11-24T01:40:00Z\",\"kind\":\"CHAT\",\"touchpoint\":\"billing\",\"channel\":\"chat\",\"text\":\"caf".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[]{(byte) 0xC3, 0x28});
        in.write("\"}\r\n".getBytes(StandardCharsets.UTF_8));
        in.write("{\"eventId\":\"i3\",\"timestamp\":\"2026-11-24T01:40:00Z\",\"touchpoint\":\"billing\",\"channel\":\"chat\"}\n".getBytes(StandardCharsets.UTF_8));
        in.write("{\"eventId\":\"i4\",\"timestamp\":\"2026-11-24T01:40:00Z\",\"kind\":\"FAX\",\"touchpoint\":\"billing\",\"channel\":\"chat\"}\n".getBytes(StandardCharsets.UTF_8));
        in.write(("{\"eventId\":\"i5\",\"text\":\"" + "y".repeat(2_000_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        in.write(ok.replace("i1", "i6").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream oldIn = System.in;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setIn(new ByteArrayInputStream(in.toByteArray()));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // a prefix of its own, so the other test's dead letters are not in the way
            exit = Main.commandLine().execute("ingest", "--topic", "interactions", "-b", broker.bootstrapServers(), "--set", "topic.prefix=t2.");
        } finally {
            System.setIn(oldIn);
            System.setErr(oldErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(3);
        assertThat(stderr).contains("line 2: not valid UTF-8 at byte 117")
                .contains("line 3: required field 'kind' is missing")
                .contains("line 4: field 'kind' must be one of [CALL, CHAT")
                .contains("line 5: line is 2000026 bytes long, more than the")
                .contains("ingested 2 records into t2.interactions; 4 invalid lines sent to t2.dlq");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll("t2.dlq", 4);
        assertThat(dead).allSatisfy(r -> assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("t2.interactions"));
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), IngestCommand.SOURCE_LINE)).containsExactlyInAnyOrder("2", "3", "4", "5");
        ConsumerRecord<byte[], byte[]> utf8 = dead.stream().filter(r -> "2".equals(DeadLetters.header(r.headers(), IngestCommand.SOURCE_LINE))).findFirst().orElseThrow();
        assertThat(utf8.value()).contains((byte) 0xC3, (byte) 0x28); // the bytes as they were, not repaired
        ConsumerRecord<byte[], byte[]> huge = dead.stream().filter(r -> "5".equals(DeadLetters.header(r.headers(), IngestCommand.SOURCE_LINE))).findFirst().orElseThrow();
        assertThat(DeadLetters.header(huge.headers(), DeadLetters.ORIGINAL_BYTES)).isEqualTo("2000026");
        assertThat(huge.value().length).isLessThan(1024 * 1024);
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
