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
        CustomerState state = engine.observe(store.state(customer), interaction(customer, n), null).state();
        store.put(customer, state);
        return state;
    }

    private Signal interaction(String customer, int n) {
        return Signal.newBuilder().setEventId(customer + "-e" + n).setTimestamp(T0.plusSeconds(60L * n))
                .setSource(SignalSource.INTERACTION).setCustomerId(customer).setSegment("consumer").setTouchpoint("call-center")
                .setChannel("phone").setCompound(0).setLabel("neutral").setHasText(false).setDissatisfied(false)
                .setReasons(List.of()).setTerms(List.of()).setKind(InteractionKind.CALL).setDirection(Direction.INBOUND).build();
    }

    private long updatedAt(String customer) {
        return store.state(customer).updatedAt();
    }

    @Test
    void changesReachTheStoreAndTheQueryViewOnlyAtCommit() {
        CustomerState a = observe("a", 1);
        assertThat(updatedAt("a")).isEqualTo(a.updatedAt());
        assertThat(store.get("a")).as("queries see the last commit").isNull();
        store.commit(Map.of());
        assertThat(CustomerState.decode(store.get("a")).updatedAt()).isEqualTo(a.updatedAt());
        observe("a", 2);
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        store.flush();
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
    }

    @Test
    void everyReadIsACopyOfTheLastSave() {
        observe("a", 1);
        CustomerState copy = store.state("a");
        assertThat(store.state("a")).isNotSameAs(copy);
        // the rules change a copy but the change is not worth saving (a duplicate, a deadline that found nothing):
        // the save before it, not yet committed, must still reach the store
        engine.observe(copy, interaction("a", 2), null);
        assertThat(copy.updatedAt()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
        assertThat(updatedAt("a")).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        store.commit(Map.of());
        assertThat(CustomerState.decode(inner.get("a")).updatedAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedAndNeverLosesASave() {
        observe("a", 1);
        observe("b", 1);
        observe("c", 1); // capacity 2 bounds the clean entries; saves wait for the commit whatever their number
        store.commit(Map.of());
        assertThat(List.of("a", "b", "c")).allSatisfy(id -> assertThat(inner.get(id)).isNotNull());
        inner.put("a", null); // behind the cache's back: shows which customers are still read from memory
        inner.put("b", null);
        inner.put("c", null);
        assertThat(store.state("a")).as("least recently used: dropped").isNull();
        assertThat(store.state("b")).isNotNull();
        assertThat(store.state("c")).isNotNull();
    }

    @Test
    void dropCleanMakesTheNextReadDecodeTheStoreAndKeepsUnsavedChanges() {
        observe("a", 1);
        store.commit(Map.of());
        inner.put("a", null); // the store moved on underneath (e.g. restored while a standby)
        assertThat(store.state("a")).isNotNull();
        store.dropClean();
        assertThat(store.state("a")).isNull();

        observe("b", 1);
        store.dropClean();
        assertThat(store.state("b")).isNotNull();
        store.commit(Map.of());
        assertThat(inner.get("b")).isNotNull();
    }

    /** Kafka Streams writes stores into the commit's transaction only through CachedStateStore.flushCache (see WriteBehindStore). */
    @Test
    void flushCacheWritesBeforeTheTransactionAndClearCacheDropsUncommittedWork() {
        observe("a", 1);
        store.flushCache();
        assertThat(inner.get("a")).isNotNull();
        observe("a", 2);
        store.clearCache(); // the task is closed dirty: its uncommitted change must not survive in memory
        assertThat(updatedAt("a")).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }
}
