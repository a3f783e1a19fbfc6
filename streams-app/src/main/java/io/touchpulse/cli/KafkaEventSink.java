package io.touchpulse.cli;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Sends simulator events to the input topics as Avro, keyed by customer (or session), stamped with their event time. */
final class KafkaEventSink implements EventSink, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final AvroSerde<WebTraffic> web = AvroSerde.of(WebTraffic.class);
    private final AvroSerde<SearchEvent> search = AvroSerde.of(SearchEvent.class);
    private final AvroSerde<Interaction> interactions = AvroSerde.of(Interaction.class);
    private final AvroSerde<CustomerProfile> profiles = AvroSerde.of(CustomerProfile.class);
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError;

    KafkaEventSink(Map<String, Object> clientConfig, Topics topics) {
        this.producer = new KafkaProducer<>(producerConfig(clientConfig), new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
    }

    /** The simulator's producer settings on top of the client settings (the bench's raw producer uses the same). */
    static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "touchpulse-simulator");
        return p;
    }

    @Override
    public void profile(String key, CustomerProfile p) {
        send(topics.customerProfiles(), key, p.getUpdatedAt().toEpochMilli(), profiles.serialize(null, p));
    }

    @Override
    public void webTraffic(String key, WebTraffic e) {
        send(topics.webTraffic(), key, e.getTimestamp().toEpochMilli(), web.serialize(null, e));
    }

    @Override
    public void search(String key, SearchEvent e) {
        send(topics.search(), key, e.getTimestamp().toEpochMilli(), search.serialize(null, e));
    }

    @Override
    public void interaction(String key, Interaction e) {
        send(topics.interactions(), key, e.getTimestamp().toEpochMilli(), interactions.serialize(null, e));
    }

    private void send(String topic, String key, long timestamp, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), (md, e) -> {
            if (e != null) {
                failures.incrementAndGet();
                lastError = e.getMessage();
            }
        });
    }

    long failures() {
        return failures.get();
    }

    String lastError() {
        return lastError;
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
