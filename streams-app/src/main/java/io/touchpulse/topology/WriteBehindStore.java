package io.touchpulse.topology;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-value store that keeps the latest value objects of changed keys in memory and writes
 * them to the inner (changelogged) store only when Kafka Streams flushes or commits. An open
 * pane changes with every event; writing it through would serialise the whole aggregate per
 * event (a third of the pipeline's CPU in profiles), while the changelog only needs its state
 * at each commit. Exactly-once holds: the dirty values reach the changelog inside the same
 * transaction as the input offsets, and a crash before the commit loses them together with
 * the offsets, so they are recomputed on restart.
 * <p>
 * That needs the store to be written <em>before</em> the transaction commits. Kafka Streams 4.3 flushes only caches
 * then ({@code StreamTask.prepareCommit} → {@code ProcessorStateManager.flushCache}: stores that are a
 * {@link CachedStateStore}); {@code flush}/{@code commit} come after the transaction (and under exactly-once only at a
 * checkpoint, every 10,000 records or so). As a plain store this class wrote its values one or more transactions after
 * the input offsets that produced them, and a SIGKILL in between lost them: up to two thirds of a window's events
 * after a crash ({@code CrashRestartTest}). Being a {@link CachedStateStore} puts the write where a cache's is.
 * <p>
 * Values must not be mutated after the last {@code put} of a commit interval unless put again,
 * and the store is not meant for interactive queries from other threads.
 */
final class WriteBehindStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {
    /** Marks a pending delete (null values are not allowed in the map's semantics we need). */
    private final Object tombstone = new Object();
    private final KeyValueStore<String, V> inner;
    private final Map<String, Object> dirty = new HashMap<>();

    WriteBehindStore(KeyValueStore<String, V> inner) {
        this.inner = inner;
    }

    static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> loggedInner) {
        return new Builder<>(loggedInner);
    }

    @Override
    public void put(String key, V value) {
        dirty.put(key, value == null ? tombstone : value);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public V delete(String key) {
        V old = get(key);
        dirty.put(key, tombstone);
        return old;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        Object d = dirty.get(key);
        if (d != null) {
            return d == tombstone ? null : (V) d;
        }
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeDirty();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeDirty();
        return inner.all();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries() + dirty.size();
    }

    @SuppressWarnings("unchecked")
    private void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        dirty.forEach((k, v) -> {
            if (v == tombstone) {
                inner.delete(k);
            } else {
                inner.put(k, (V) v);
            }
        });
        dirty.clear();
    }

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

    /** Called before every commit's transaction ends: the pending values join the changelog in that transaction. */
    @Override
    public void flushCache() {
        writeDirty();
    }

    /** Called when a task's uncommitted work is thrown away (closed dirty): the pending values go with it. */
    @Override
    public void clearCache() {
        dirty.clear();
    }

    /** No downstream forwarding on flush (that is for KTable caches); false: old values are not sent. */
    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
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
        writeDirty();
        return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Wraps a logged store builder; caching is pointless on top of a write-behind layer and stays off. */
    private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> inner) implements StoreBuilder<KeyValueStore<String, V>> {
        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new WriteBehindStore<>(inner.build());
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
