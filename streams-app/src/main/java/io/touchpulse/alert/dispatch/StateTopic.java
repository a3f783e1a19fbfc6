package io.touchpulse.alert.dispatch;

import io.touchpulse.broker.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compacted topic holding the dispatcher's state: one partition (the state is small and
 * must be read whole), compaction keeps the latest value per key. Created like every other
 * topic, and read back from the beginning at start, committed records only.
 */
final class StateTopic {
    private static final Logger LOG = LoggerFactory.getLogger(StateTopic.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private StateTopic() {}

    /** Internal topics are named after the application id, as Kafka Streams names its own. */
    static String name(String applicationId) {
        return applicationId + "-alert-dispatch-state";
    }

    static void ensure(Map<String, Object> kafka, String stateTopic, String alertsTopic, int alertPartitions) {
        TopicProvisioner.createAndAwait(kafka, Map.of(stateTopic, 1, alertsTopic, alertPartitions),
                Map.of(stateTopic, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")));
    }

    /** Feeds every committed record to the engine, in order; returns how many were read. */
    static long restore(Map<String, Object> kafka, String topic, DispatchEngine engine) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-restore");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long n = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    n++;
                    if (r.value() == null) {
                        engine.restoreDeleted(r.key());
                        continue;
                    }
                    try {
                        engine.restore(StateCodec.decode(r.key(), r.value()));
                    } catch (java.io.IOException | RuntimeException e) {
                        // written by us, so a bug or a newer incompatible version: losing one entry beats not dispatching at all
                        LOG.error("skipping unreadable dispatch state record {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
                    }
                }
            }
        }
        return n;
    }
}
