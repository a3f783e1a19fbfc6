package io.touchpulse.bench;

import io.touchpulse.broker.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The producer ceiling: the broker's rate for the simulator's records without the simulator. Reads a sample of the
 * real input records (keys, values and timestamps as produced), then sends {@code count} of them, cycling through the
 * sample, to a fresh topic with the same partition count, with exactly the sinks' producer settings (acks, idempotence,
 * linger, batch size, lz4). So generation and Avro encoding are the only difference to {@code produce_events_per_s}.
 */
final class RawProduceBench {
    /** Records sampled from the inputs: enough variety for lz4 to see realistic batches, little memory (a few MB). */
    static final int SAMPLE = 20_000;

    record Result(long records, long bytes, double seconds, int sampled) {
        double eventsPerSecond() {
            return records / seconds;
        }
    }

    private RawProduceBench() {
    }

    static Result run(Map<String, Object> producerConfig, String bootstrapServers, List<String> inputs, String topic, int partitions,
                      long count) {
        List<ConsumerRecord<byte[], byte[]>> sample = sample(bootstrapServers, inputs);
        if (sample.isEmpty()) {
            throw new IllegalStateException("raw producer: no input records to sample on " + inputs);
        }
        TopicProvisioner.createAndAwait(Map.of("bootstrap.servers", bootstrapServers), Map.of(topic, partitions), Map.of());
        Map<String, Object> p = new HashMap<>(producerConfig);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "touchpulse-bench-raw-producer");
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> lastError = new AtomicReference<>();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                ConsumerRecord<byte[], byte[]> r = sample.get((int) (i % sample.size()));
                bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
                // null partition: the default partitioner hashes the key, as for the simulator's records
                producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value()), (md, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                        lastError.set(e.getMessage());
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException("raw producer: " + failures.get() + " sends failed: " + lastError.get());
        }
        return new Result(count, bytes, seconds, sample.size());
    }

    /** Up to {@link #SAMPLE} records from the start of the inputs, spread over every partition. */
    private static List<ConsumerRecord<byte[], byte[]>> sample(String bootstrapServers, List<String> inputs) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "touchpulse-bench-raw-sample");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            inputs.forEach(t -> consumer.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition()))));
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            long per = Math.max(1, SAMPLE / parts.size());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> taken = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < SAMPLE && System.nanoTime() < deadline
                    && parts.stream().anyMatch(tp -> taken.getOrDefault(tp, 0L) < Math.min(per, ends.get(tp)))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (taken.merge(tp, 1L, Long::sum) <= per && r.value() != null) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
