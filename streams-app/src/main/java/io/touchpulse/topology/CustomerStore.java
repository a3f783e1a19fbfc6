package io.touchpulse.topology;

import io.touchpulse.journey.CustomerState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

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
 * Exactly-once holds as for the panes ({@link WriteBehindStore}): as a {@link CachedStateStore}, the dirty states are
 * written before each commit's transaction ends, so they reach the changelog with the input offsets that made them;
 * when a task's uncommitted work is thrown away, so is everything in memory. The cache only ever holds what the store holds or what the next commit writes:
 * the processor {@link #evict}s a customer whose state it changed without saving (a deadline check that found
 * nothing) and drops the clean entries when it starts ({@link #dropClean}), e.g. after the task was a standby whose
 * store moved on underneath.
 * <p>
 * Interactive queries see this store as a read-only key-value store of encoded states, as of the last commit: those
 * reads go to the inner store and never touch the cache, so they are safe from any thread. Not a
 * {@link KeyValueStore}, so the processor gets this object itself rather than a Kafka Streams decorator.
 */
final class CustomerStore implements StateStore, ReadOnlyKeyValueStore<String, byte[]>, CachedStateStore<String, byte[]> {
    private final KeyValueStore<String, byte[]> inner;
    private final Set<String> dirty = new HashSet<>();
    private final LinkedHashMap<String, CustomerState> cache;

    CustomerStore(KeyValueStore<String, byte[]> inner, int capacity) {
        this.inner = inner;
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
        return new Builder(loggedInner, capacity);
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

    /** Saves the state at the next flush or commit (or when it is evicted first). */
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

    private void writeDirty() {
        for (String id : dirty) {
            inner.put(id, cache.get(id).encode());
        }
        dirty.clear();
    }

    // --- read-only view for interactive queries: the last committed states ---

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

    // --- CachedStateStore: Kafka Streams writes caches into the commit's transaction, other stores only afterwards ---

    @Override
    public void flushCache() {
        writeDirty();
    }

    /** The task's uncommitted work is discarded (closed dirty): states in memory may hold some of it. */
    @Override
    public void clearCache() {
        cache.clear();
        dirty.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    // --- StateStore ---

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeDirty();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeDirty();
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void close() {
        cache.clear();
        dirty.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Wraps a logged store builder; Kafka Streams' byte cache stays off (this store caches objects). */
    private record Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner, int capacity) implements StoreBuilder<CustomerStore> {
        @Override
        public StoreBuilder<CustomerStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CustomerStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CustomerStore> withLoggingEnabled(Map<String, String> config) {
            return new Builder(inner.withLoggingEnabled(config), capacity);
        }

        @Override
        public StoreBuilder<CustomerStore> withLoggingDisabled() {
            return new Builder(inner.withLoggingDisabled(), capacity);
        }

        @Override
        public CustomerStore build() {
            return new CustomerStore(inner.withCachingDisabled().build(), capacity);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
