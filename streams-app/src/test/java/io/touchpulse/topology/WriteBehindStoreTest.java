package io.touchpulse.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBehindStoreTest {
    private KeyValueStore<String, Long> inner;
    private WriteBehindStore<Long> store;

    @BeforeEach
    void setUp() {
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>();
        inner = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        store = new WriteBehindStore<>(inner);
        store.init(ctx.getStateStoreContext(), store);
    }

    @Test
    void writesReachTheInnerStoreOnlyOnFlushOrCommit() {
        store.put("a", 1L);
        store.put("a", 2L);
        store.put("b", 3L);
        assertThat(store.get("a")).isEqualTo(2L);
        assertThat(inner.get("a")).isNull();
        store.flush();
        assertThat(inner.get("a")).isEqualTo(2L);
        assertThat(inner.get("b")).isEqualTo(3L);

        store.delete("a");
        assertThat(store.get("a")).isNull();
        assertThat(inner.get("a")).isEqualTo(2L);
        store.commit(java.util.Map.of());
        assertThat(inner.get("a")).isNull();
    }

    /**
     * Kafka Streams writes stores into the commit's transaction only through CachedStateStore.flushCache (4.3:
     * StreamTask.prepareCommit → ProcessorStateManager.flushCache); flush() comes after the transaction.
     */
    @Test
    void pendingWritesReachTheInnerStoreWhenKafkaStreamsFlushesCachesBeforeACommit() {
        assertThat(store).isInstanceOf(org.apache.kafka.streams.state.internals.CachedStateStore.class);
        store.put("a", 1L);
        store.flushCache();
        assertThat(inner.get("a")).isEqualTo(1L);
        store.put("a", 2L);
        store.clearCache();
        assertThat(store.get("a")).as("uncommitted work thrown away").isEqualTo(1L);
    }

    @Test
    void iteratorsSeePendingWrites() {
        store.put("x", 1L);
        store.put("y", 2L);
        store.delete("y");
        List<String> keys = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).containsExactly("x");
        assertThat(store.putIfAbsent("x", 9L)).isEqualTo(1L);
        assertThat(store.putIfAbsent("z", 9L)).isNull();
        assertThat(store.get("z")).isEqualTo(9L);
    }
}
