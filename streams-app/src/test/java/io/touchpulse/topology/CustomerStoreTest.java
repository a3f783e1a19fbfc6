package io.touchpulse.topology;

import io.touchpulse.journey.CustomerState;
import io.touchpulse.journey.JourneyConfig;
import io.touchpulse.journey.JourneyEngine;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private final JourneyEngine engine = new JourneyEngine(JourneyConfig.defaults());
    private KeyValueStore<String, byte[]> inner;
    private CustomerStore store;

    @BeforeEach
    void setUp() {
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>();
        inner = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("customers"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store = new CustomerStore(inner, 2);
        store.init(ctx.getStateStoreContext(), store);
    }

    private CustomerState observe(String customer, int n) {
        Signal s = Signal.newBuilder().setEventId(customer + "-e" + n).setTimestamp(T0.plusSeconds(60L * n))
                .setSource(SignalSource.INTERACTION).setCustomerId(customer).setSegment("consumer").setTouchpoint("call-center")
                .setChannel("phone").setCompound(0).setLabel("neutral").setHasText(false).setDissatisfied(false)
                .setReasons(List.of()).setTerms(List.of()).setKind(InteractionKind.CALL).setDirection(Direction.INBOUND).build();
        CustomerState state = engine.observe(store.state(customer), s, null).state();
        store.put(customer, state);
        return state;
    }

    @Test
    void changesReachTheStoreAndTheQueryViewOnlyAtCommit() {
        CustomerState a = observe("a", 1);
        assertThat(store.state("a")).isSameAs(a);
        assertThat(store.get("a")).as("queries see the last commit").isNull();
        store.commit(Map.of());
        assertThat(CustomerState.decode(store.get("a")).updatedAt()).isEqualTo(a.updatedAt());
        observe("a", 2);
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        store.flush();
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
    }

    @Test
    void aChangedStateEvictedFromTheCacheIsWrittenFirst() {
        observe("a", 1);
        observe("b", 1);
        observe("c", 1); // capacity 2: "a", least recently used and unsaved, goes to the store on the way out
        assertThat(inner.get("a")).isNotNull();
        assertThat(inner.get("b")).isNull();
        assertThat(store.state("a").updatedAt()).as("read back from the store").isEqualTo(T0.plusSeconds(60).toEpochMilli());
        store.commit(Map.of());
        assertThat(List.of("a", "b", "c")).allSatisfy(id -> assertThat(inner.get(id)).isNotNull());
    }

    @Test
    void evictAndDropCleanMakeTheNextReadDecodeTheStore() {
        observe("a", 1);
        store.commit(Map.of());
        CustomerState cached = store.state("a");
        assertThat(store.state("a")).isSameAs(cached);
        store.dropClean();
        CustomerState reread = store.state("a");
        assertThat(reread).isNotSameAs(cached);
        assertThat(reread.updatedAt()).isEqualTo(cached.updatedAt());

        observe("a", 2);
        store.evict("a"); // the change is dropped, as if it had never been made
        assertThat(store.state("a").updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        store.commit(Map.of());
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void dropCleanKeepsUnsavedChanges() {
        CustomerState a = observe("a", 1);
        store.dropClean();
        assertThat(store.state("a")).isSameAs(a);
        store.commit(Map.of());
        assertThat(inner.get("a")).isNotNull();
    }

    /** Kafka Streams writes stores into the commit's transaction only through CachedStateStore.flushCache (see WriteBehindStore). */
    @Test
    void flushCacheWritesBeforeTheTransactionAndClearCacheDropsUncommittedWork() {
        observe("a", 1);
        store.flushCache();
        assertThat(inner.get("a")).isNotNull();
        CustomerState changed = observe("a", 2);
        store.clearCache(); // the task is closed dirty: its uncommitted change must not survive in memory
        assertThat(store.state("a")).isNotSameAs(changed);
        assertThat(store.state("a").updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }
}
