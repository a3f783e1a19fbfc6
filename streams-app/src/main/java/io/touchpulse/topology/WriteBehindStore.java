package io.touchpulse.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-value store that keeps the latest value objects of changed keys in memory and writes
 * them to the inner (changelogged) store only at each commit. An open pane changes with every
 * event; writing it through would serialise the whole aggregate per event (a third of the
 * pipeline's CPU in profiles), while the changelog only needs its state at each commit.
 * Exactly-once holds: the dirty values reach the changelog inside the same transaction as the
 * input offsets ({@link WriteBehindLayer}), and a crash before the commit loses them together
 * with the offsets, so they are recomputed on restart.
 * <p>
 * Values must not be mutated after the last {@code put} of a commit interval unless put again,
 * and the store is not meant for interactive queries from other threads.
 */
final class WriteBehindStore<V> extends WriteBehindLayer<V, V> implements KeyValueStore<String, V> {
    /** Marks a pending delete (null values are not allowed in the map's semantics we need). */
    private final Object tombstone = new Object();
    private final Map<String, Object> dirty = new HashMap<>();

    WriteBehindStore(KeyValueStore<String, V> inner) {
        super(inner);
    }

    static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> loggedInner) {
        return new Builder<KeyValueStore<String, V>, V>(loggedInner, WriteBehindStore::new);
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
        writePending();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writePending();
        return inner.all();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries() + dirty.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    void writePending() {
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
    void dropPending() {
        dirty.clear();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        writePending();
        return super.query(query, bound, config);
    }
}
