package io.touchpulse.topology;

import io.touchpulse.journey.CustomerState;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The customer stage's state: decoded {@link CustomerState}s of recently active customers kept in memory (LRU,
 * bounded), changed ones encoded into the logged RocksDB store below only when Kafka Streams flushes or commits.
 * Reading a customer from RocksDB and decoding it, then encoding and writing it back, cost more per event than the
 * journey rules themselves; customers come in sessions, so most of their events find them here.
 * <p>
 * Exactly-once holds as for the panes ({@link WriteBehindLayer}): the dirty states are written before each commit's
 * transaction ends, so they reach the changelog with the input offsets that made them; when a task's uncommitted work is
 * thrown away, so is everything in memory. The cache only ever holds what the store holds or what the next commit writes:
 * the processor {@link #evict}s a customer whose state it changed without saving (a deadline check that found
 * nothing) and drops the clean entries when it starts ({@link #dropClean}), e.g. after the task was a standby whose
 * store moved on underneath.
 * <p>
 * Interactive queries see this store as a read-only key-value store of encoded states, as of the last commit: those
 * reads go to the inner store and never touch the cache, so they are safe from any thread. Not a
 * {@link KeyValueStore}, so the processor gets this object itself rather than a Kafka Streams decorator.
 */
final class CustomerStore extends WriteBehindLayer<byte[], byte[]> implements ReadOnlyKeyValueStore<String, byte[]> {
    private final Set<String> dirty = new HashSet<>();
    private final LinkedHashMap<String, CustomerState> cache;

    CustomerStore(KeyValueStore<String, byte[]> inner, int capacity) {
        super(inner);
        this.cache = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CustomerState> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                if (dirty.remove(eldest.getKey())) {
                    inner.put(eldest.getKey(), eldest.getValue().encode());
                }
                return true;
            }
        };
    }

    static StoreBuilder<CustomerStore> builder(StoreBuilder<KeyValueStore<String, byte[]>> loggedInner, int capacity) {
        return new Builder<>(loggedInner, inner -> new CustomerStore(inner, capacity));
    }

    /** The customer's state, null if never seen. The caller may change it and must then {@link #put} it or {@link #evict} it. */
    CustomerState state(String customerId) {
        CustomerState s = cache.get(customerId);
        if (s == null) {
            byte[] stored = inner.get(customerId);
            if (stored != null) {
                s = CustomerState.decode(stored);
                cache.put(customerId, s);
            }
        }
        return s;
    }

    /** Saves the state before the next commit (or when it is evicted first). */
    void put(String customerId, CustomerState state) {
        cache.put(customerId, state);
        dirty.add(customerId);
    }

    /** Forgets the in-memory state, changes and all: the next read decodes what the store holds. */
    void evict(String customerId) {
        cache.remove(customerId);
        dirty.remove(customerId);
    }

    /** Drops every state that has no unsaved change. */
    void dropClean() {
        cache.keySet().retainAll(dirty);
    }

    @Override
    void writePending() {
        for (String id : dirty) {
            inner.put(id, cache.get(id).encode());
        }
        dirty.clear();
    }

    /** The task's uncommitted work is discarded: states in memory may hold some of it, clean-looking ones included. */
    @Override
    void dropPending() {
        cache.clear();
        dirty.clear();
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
