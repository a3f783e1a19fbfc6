package io.touchpulse.topology;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A plain producer for dead letters raised on Kafka Streams' global thread, which cannot send them itself. */
final class GlobalDeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalDeadLetters.class);
    /** Settings that only make sense for Kafka Streams or its own clients. */
    private static final Set<String> STREAMS_ONLY = Set.of("application.id", "processing.guarantee", "num.stream.threads",
            "num.standby.replicas", "commit.interval.ms", "statestore.cache.max.bytes", "state.dir", "transactional.id");

    private final KafkaProducer<byte[], byte[]> producer;

    GlobalDeadLetters(Map<String, Object> streamsConfigs) {
        Map<String, Object> p = new HashMap<>();
        ProducerConfig.configNames().forEach(name -> {
            Object v = streamsConfigs.get(name);
            if (v != null && !STREAMS_ONLY.contains(name)) {
                p.put(name, v);
            }
        });
        p.put(ProducerConfig.CLIENT_ID_CONFIG, streamsConfigs.getOrDefault("application.id", "touchpulse") + "-global-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, (md, e) -> {
            if (e != null) {
                LOG.error("could not write a dead letter from {} to {}: {}", record.headers().lastHeader(DeadLetters.SOURCE_TOPIC) == null
                        ? "the global table" : DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC), record.topic(), e.getMessage());
            }
        });
    }
}
