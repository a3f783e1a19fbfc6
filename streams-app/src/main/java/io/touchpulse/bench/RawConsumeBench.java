package io.touchpulse.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling: one plain consumer (read_committed, the same fetch size per poll as Kafka Streams, 1000)
 * reading every input partition from the beginning, doing nothing with the bytes but counting them.
 */
final class RawConsumeBench {
    record Result(long records, long bytes, double seconds) {
        double eventsPerSecond() {
            return records / seconds;
        }
    }

    private RawConsumeBench() {
    }

    static Result run(String bootstrapServers, List<String> topics, long expected, Duration timeout) {
        List<TopicPartition> partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            partitions = GroupProgress.partitionsOf(admin, topics);
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "touchpulse-bench-raw");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + timeout.toNanos();
            while (records < expected) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw consumer read only " + records + " of " + expected + " records in " + timeout);
                }
            }
            return new Result(records, bytes, (System.nanoTime() - t0) / 1e9);
        }
    }
}
