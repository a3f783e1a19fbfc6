package io.touchpulse.cli;

import io.touchpulse.broker.TopicProvisioner;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.ingest.JsonLines;
import io.touchpulse.ingest.JsonToAvro;
import io.touchpulse.ingest.TopicSchemas;
import io.touchpulse.topology.DeadLetters;
import io.touchpulse.topology.Topics;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON lines on stdin → Avro records on an input topic. A line that is not valid JSON or does
 * not fit the topic's schema is reported on stderr with its line number and the problem, and
 * sent to the dead-letter topic as it was, so nothing is lost.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read JSON objects, one per line, from stdin and produce them as Avro to a Touchpulse input topic.",
                "Exit code 0 when every line was produced, 3 when some lines were invalid (they go to the dead-letter topic), 1 on errors."})
final class IngestCommand implements Callable<Integer> {
    static final String SOURCE_LINE = "tp.source.line";

    @Mixin
    ConfigOptions config;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC",
            description = "Target topic: tp.web-traffic, tp.search, tp.interactions or tp.customer-profiles (the prefix may be left out).")
    String topic;

    @Override
    public Integer call() throws Exception {
        TouchpulseConfig c = config.load(Map.of());
        Topics topics = Topics.withPrefix(c.topicPrefix());
        String target = topic.startsWith(c.topicPrefix()) ? topic : c.topicPrefix() + topic;
        TopicSchemas.Input input = TopicSchemas.inputs(topics).get(target);
        if (input == null) {
            throw new IllegalArgumentException("cannot ingest into '" + topic + "': choose one of " + TopicSchemas.inputs(topics).keySet());
        }
        Map<String, Object> client = c.kafkaClientMap();
        TopicProvisioner.createAndAwait(client, Map.of(target, c.topicPartitions(), topics.dlq(), c.topicPartitions()),
                target.equals(topics.customerProfiles()) ? Map.of(target, Map.of("cleanup.policy", "compact")) : Map.of());
        client.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        client.put(ProducerConfig.ACKS_CONFIG, "all");
        client.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

        JsonToAvro converter = new JsonToAvro(input.schema());
        BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), input.schema());
        long ok = 0;
        long bad = 0;
        long blank = 0;
        AtomicLong failedSends = new AtomicLong();
        int maxBytes = DeadLetters.maxValueBytes(client);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            JsonLines in = new JsonLines(System.in, maxBytes);
            JsonLines.Line line;
            while ((line = in.next()) != null) {
                long n = line.number();
                if (line.problem() == null && line.text().isBlank()) {
                    blank++;
                    continue;
                }
                try {
                    if (line.problem() != null) {
                        throw new IllegalArgumentException(line.problem());
                    }
                    GenericRecord r = converter.convert(line.text());
                    ByteBuffer buf = encoder.encode(r);
                    byte[] value = new byte[buf.remaining()];
                    buf.get(value);
                    producer.send(new ProducerRecord<>(target, key(r, input), value), (md, e) -> {
                        if (e != null) {
                            failedSends.incrementAndGet();
                        }
                    });
                    ok++;
                } catch (IllegalArgumentException e) {
                    bad++;
                    System.err.printf("line %d: %s%n", n, e.getMessage());
                    var headers = DeadLetters.headers(DeadLetters.INVALID, e.getMessage(), e, target, -1, -1, "ingest");
                    headers.add(SOURCE_LINE, Long.toString(n).getBytes(StandardCharsets.UTF_8));
                    if (line.length() > line.bytes().length) {
                        headers.add(DeadLetters.ORIGINAL_BYTES, Long.toString(line.length()).getBytes(StandardCharsets.UTF_8));
                    }
                    // the line's own bytes (invalid UTF-8 included; only the first part of an over-long line)
                    producer.send(DeadLetters.record(topics.dlq(), null, line.bytes(), headers));
                }
            }
            producer.flush();
        }
        if (failedSends.get() > 0) {
            System.err.printf("error: %d records could not be delivered to Kafka%n", failedSends.get());
            return 1;
        }
        System.err.printf("ingested %d records into %s; %d invalid lines sent to %s; %d blank lines skipped%n",
                ok, target, bad, topics.dlq(), blank);
        return bad > 0 ? 3 : 0;
    }

    private static byte[] key(GenericRecord r, TopicSchemas.Input input) {
        Object k = r.get(input.keyField());
        if (k == null) {
            k = r.get(input.fallbackKeyField());
        }
        return k == null ? null : k.toString().getBytes(StandardCharsets.UTF_8);
    }
}
