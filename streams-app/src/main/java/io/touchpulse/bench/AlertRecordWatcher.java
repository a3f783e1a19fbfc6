package io.touchpulse.bench;

import io.touchpulse.schema.Alert;
import io.touchpulse.topology.AlertLifecycle;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tp.alerts as the dispatcher does (read_committed, from the beginning, its own thread) and notes, per record,
 * its {@code tp.emitted-at} header and when it became visible here, i.e. when the pipeline's transaction committed.
 * Not part of the delivery path: the dispatcher has its own consumer.
 */
final class AlertRecordWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Thread thread;
    private final AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
    private final List<AlertLatencies.Emitted> seen = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean closing;
    private volatile RuntimeException failure;

    AlertRecordWatcher(String bootstrapServers, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "touchpulse-bench-alert-watcher");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "bench-alert-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                List<AlertLatencies.Emitted> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    batch.add(emitted(r, now));
                }
                Map<TopicPartition, Long> pos = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    pos.put(tp, consumer.position(tp));
                }
                synchronized (this) {
                    seen.addAll(batch);
                    positions.putAll(pos);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private AlertLatencies.Emitted emitted(ConsumerRecord<String, byte[]> r, long visibleAt) {
        Header h = r.headers().lastHeader(AlertLifecycle.EMITTED_AT_HEADER);
        if (h == null) {
            throw new IllegalStateException("alert record at offset " + r.offset() + " has no " + AlertLifecycle.EMITTED_AT_HEADER + " header");
        }
        long emittedAt = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
        Alert a = serde.deserialize(r.topic(), r.value());
        String status = a.getStatus().name();
        return new AlertLatencies.Emitted(AlertLatencies.key(a.getFingerprint(), status, a.getSeverity().name(), a.getStartsAt().toEpochMilli()),
                status, a.getSegment() + "|" + a.getTouchpoint(), emittedAt, visibleAt);
    }

    /** Records read so far. */
    synchronized List<AlertLatencies.Emitted> records() {
        check();
        return List.copyOf(seen);
    }

    /** True once this watcher has read up to {@code ends} (read_committed end offsets) on every partition. */
    synchronized boolean reached(Map<TopicPartition, Long> ends) {
        check();
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("reading the alert topic failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
