package io.touchpulse.topology;

import io.touchpulse.schema.CustomerProfile;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer profiles as the stream threads read them: the global table's {@link HashStore}, read directly, each
 * profile decoded once per change instead of once per lookup. Through the table's Kafka Streams store (the DSL's
 * global-table join) every lookup copied the value twice (timestamp added, then stripped) and ran Avro's decoder: 6–7%
 * of a stream thread in profiles, for profiles that change rarely.
 * <p>
 * One table per topology (so per Kafka Streams instance, which has one global store); each task gets its own
 * {@link Lookup}. The global thread keeps the store up to date (restore and updates) as before.
 */
final class ProfileTable {
    /**
     * Decoded profiles the join keeps per task (least recently used dropped first): a few hundred bytes each. 10,000 was
     * fewer than the bench's 12,500 customers per task, and the misses (an Avro decode each) took 6% of a stream thread.
     */
    static final int JOIN_CACHE_PER_TASK = 50_000;
    /** The DSL keeps a table's values in its timestamped form: the record's timestamp (8 bytes), then the value. */
    private static final int TIMESTAMP_BYTES = 8;

    private final String topic;
    private final AvroSerde<CustomerProfile> serde = AvroSerde.of(CustomerProfile.class);
    private volatile HashStore store;

    /** @param topic the profiles topic (named in decoding errors) */
    ProfileTable(String topic) {
        this.topic = topic;
    }

    /** The supplier to materialise the global table with: its store is the one this table reads. */
    KeyValueBytesStoreSupplier storeSupplier(String name) {
        return HashStore.supplier(name, created -> store = created);
    }

    /** @param capacity decoded profiles the lookup keeps (least recently used dropped first) */
    Lookup lookup(int capacity) {
        return new Lookup(capacity);
    }

    /** One task's view: not thread-safe, like the task. */
    final class Lookup {
        private record Decoded(byte[] stored, CustomerProfile profile) {}

        private final Map<String, Decoded> decoded;

        Lookup(int capacity) {
            decoded = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** The customer's current profile, null if there is none (or no id). */
        CustomerProfile get(String customerId) {
            HashStore s = store;
            if (customerId == null || s == null) {
                return null;
            }
            byte[] stored = s.get(Bytes.wrap(customerId.getBytes(StandardCharsets.UTF_8)));
            if (stored == null) {
                decoded.remove(customerId);
                return null;
            }
            Decoded d = decoded.get(customerId);
            if (d == null || d.stored() != stored) { // an update replaces the stored array
                d = new Decoded(stored, serde.deserialize(topic, Arrays.copyOfRange(stored, TIMESTAMP_BYTES, stored.length)));
                decoded.put(customerId, d);
            }
            return d.profile();
        }
    }
}
