package io.touchpulse.topology;

import io.touchpulse.journey.CustomerState;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer stage's state: encoded {@link CustomerState}s of recently active customers kept in memory (LRU,
 * bounded), saved ones written to the logged RocksDB store below only when Kafka Streams flushes or commits.
 * <p>
 * The cache holds bytes, not decoded states: every read decodes a private copy, which the caller may change and then
 * {@link #put} or simply drop. So memory always equals the last save, whatever the rules did to a copy they did not
 * save, and a customer costs the garbage collector one array, not ~200 objects that live long enough to be copied
 * between young collections and keep old regions pointing at young ones. Decoding a compact state and encoding it again
 * costs less than encoding one whose objects grew scattered across the heap over many events.
 * <p>
 * Exactly-once holds as for the panes ({@link WriteBehindLayer}): the saved states are written before each commit's
 * transaction ends, so they reach the changelog with the input offsets that made them; when a task's uncommitted work is
 * thrown away, so is everything in memory. The cache only ever holds what the store holds or what the next commit
 * writes; the processor drops the clean entries when it starts ({@link #dropClean}), e.g. after the task was a standby
 * whose store moved on underneath.
 * <p>
 * Interactive queries see this store as a read-only key-value store of encoded states, as of the last commit: those
 * reads go to the inner store and never touch the cache, so they are safe from any thread. Not a
 * {@link KeyValueStore}, so the processor gets this object itself rather than a Kafka Streams decorator.
 */
final class CustomerStore extends WriteBehindLayer<byte[], byte[]> implements ReadOnlyKeyValueStore<String, byte[]> {
    /** Saved since the last commit, not yet in the inner store. */
    private final Map<String, byte[]> saved = new LinkedHashMap<>();
    /** What the inner store holds, for the recently active customers. */
    private final LinkedHashMap<String, byte[]> clean;

    CustomerStore(KeyValueStore<String, byte[]> inner, int capacity) {
        super(inner);
        this.clean = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    static StoreBuilder<CustomerStore> builder(StoreBuilder<KeyValueStore<String, byte[]>> loggedInner, int capacity) {
        return new Builder<>(loggedInner, inner -> new CustomerStore(inner, capacity));
    }

    /** A copy of the customer's last saved state, null if never seen. The caller may change it; only {@link #put} keeps it. */
    CustomerState state(String customerId) {
        byte[] bytes = saved.get(customerId);
        if (bytes == null) {
            bytes = clean.get(customerId);
        }
        if (bytes == null) {
            bytes = inner.get(customerId);
            if (bytes != null) {
                clean.put(customerId, bytes);
            }
        }
        return bytes == null ? null : CustomerState.decode(bytes);
    }

    /** Saves the state as it is now; it reaches the store before the next commit. */
    void put(String customerId, CustomerState state) {
        saved.put(customerId, state.encode());
    }

    /** Drops every state that has no unsaved change. */
    void dropClean() {
        clean.clear();
    }

    @Override
    void writePending() {
        for (Map.Entry<String, byte[]> e : saved.entrySet()) {
            inner.put(e.getKey(), e.getValue());
            clean.put(e.getKey(), e.getValue());
        }
        saved.clear();
    }

    /** The task's uncommitted work is discarded: the clean entries may hold some of it too (written, then aborted). */
    @Override
    void dropPending() {
        clean.clear();
        saved.clear();
    }

    // --- read-only view for interactive queries: the last committed states, never the cache ---

    @Override
    public byte[] get(String customerId) {
        return inner.get(customerId);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return inner.all();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }
}
