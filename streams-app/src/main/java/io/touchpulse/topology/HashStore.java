package io.touchpulse.topology;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An in-memory key-value store on a hash map, for lookup tables read once per event (the customer profiles). Kafka
 * Streams' in-memory store is a sorted tree: a lookup among a million profiles walks about twenty nodes, each a cache
 * miss, and cost more than a microsecond per event in profiles; here it is one or two. Ordered scans, rarely needed
 * on such a table, sort a snapshot. Concurrent: the global thread writes while stream threads read.
 */
final class HashStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final Map<Bytes, byte[]> map = new ConcurrentHashMap<>();
    private volatile boolean open;

    HashStore(String name) {
        this.name = name;
    }

    /** @param created told of each store the supplier makes (e.g. to read it without Kafka Streams' layers) */
    static KeyValueBytesStoreSupplier supplier(String name, Consumer<HashStore> created) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                HashStore store = new HashStore(name);
                created.accept(store);
                return store;
            }

            @Override
            public String metricsScope() {
                return "in-memory-hash";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> put(Bytes.wrap(key), value));
        open = true;
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return value == null ? map.get(key) : map.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return sorted(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return sorted(null, null);
    }

    /** A sorted snapshot between from and to, both inclusive (null: unbounded). */
    private KeyValueIterator<Bytes, byte[]> sorted(Bytes from, Bytes to) {
        List<KeyValue<Bytes, byte[]>> rows = new ArrayList<>();
        map.forEach((k, v) -> {
            if ((from == null || k.compareTo(from) >= 0) && (to == null || k.compareTo(to) <= 0)) {
                rows.add(KeyValue.pair(k, v));
            }
        });
        rows.sort((a, b) -> a.key.compareTo(b.key));
        return new KeyValueIterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.get(next++);
            }

            @Override
            public Bytes peekNextKey() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.get(next).key;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void close() {
        map.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }
}
