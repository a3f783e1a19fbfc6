package io.touchpulse.alert.dispatch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The dispatcher's two Kafka clients, named after the application id like its consumer group. */
final class DispatchClients {
    private DispatchClients() {}

    /**
     * Transactional, with an id fixed per application id: whichever instance initialises it last
     * fences the others, so only one instance ever writes dispatch state and sends.
     */
    static KafkaProducer<String, byte[]> producer(Map<String, Object> kafka, String applicationId) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-dispatcher");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dispatcher");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** On tp.alerts: committed records only, offsets committed with the state, never automatically. */
    static KafkaConsumer<String, byte[]> alertsConsumer(Map<String, Object> kafka, String applicationId) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-dispatcher");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-dispatcher");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a new deployment delivers what is firing now; alerts that fired and resolved long ago cancel out in the engine
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
