package io.touchpulse.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an output topic as a downstream consumer does (read_committed, from the beginning, its own thread) and notes,
 * per record, what {@link Reader} takes from it and when it became visible here, i.e. when the pipeline's transaction
 * committed. The alert phase watches tp.alerts with it (beside the dispatcher, not in its path), the live phase
 * tp.touchpoint-health.
 */
final class RecordWatcher<T> implements AutoCloseable {
    /** What to keep of one record; {@code visibleAtMs} is the wall clock of the poll that returned it. */
    interface Reader<T> {
        T read(ConsumerRecord<String, byte[]> record, long visibleAtMs);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Thread thread;
    private final Reader<T> reader;
    private final List<T> seen = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean closing;
    private volatile RuntimeException failure;

    RecordWatcher(String bootstrapServers, String topic, String clientId, Reader<T> reader) {
        this.reader = reader;
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                List<T> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    batch.add(reader.read(r, now));
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

    /** Records read so far. */
    synchronized List<T> records() {
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
            throw new IllegalStateException("reading " + partitions.get(0).topic() + " failed: " + failure.getMessage(), failure);
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
