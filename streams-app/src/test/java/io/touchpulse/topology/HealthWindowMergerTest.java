package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.window.PaneAggregate;
import io.touchpulse.topology.window.PaneAggregateSerde;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merger closes a window only when every input partition's watermark has passed it, so
 * partitions that drift apart in event time (catch-up, replay) lose nothing; idle partitions do
 * not hold windows back.
 */
class HealthWindowMergerTest {
    private static final long MIN = 60_000;
    private final MockProcessorContext<String, TouchpointHealth> ctx = new MockProcessorContext<>();
    private HealthWindowMerger merger;

    @BeforeEach
    void setUp() {
        store(Stores.PANES_MERGED, new PaneAggregateSerde());
        store(Stores.WINDOW_CLOCK, Serdes.Long());
        store(Stores.TOUCHPOINT_LATEST, AvroSerde.of(TouchpointHealth.class));
        merger = new HealthWindowMerger(new WindowSpec(5 * MIN, MIN, 30_000, 10_000), 2, PipelineMetrics.noop());
        merger.init(ctx);
    }

    private <V> void store(String name, Serde<V> serde) {
        KeyValueStore<String, V> s = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), Serdes.String(), serde).withLoggingDisabled().build();
        s.init(ctx.getStateStoreContext(), s);
        ctx.addStateStore(s);
    }

    private static PaneAggregate pane(int events) {
        PaneAggregate p = new PaneAggregate();
        for (int i = 0; i < events; i++) {
            p.add(Signal.newBuilder().setEventId("e" + i).setTimestamp(Instant.EPOCH).setSource(SignalSource.WEB).setCustomerId("c" + i)
                    .setSegment("premium").setTouchpoint("checkout").setChannel("web").setCompound(0).setLabel("neutral")
                    .setHasText(false).setDissatisfied(false).setReasons(List.of()).setTerms(List.of()).setHttpStatus(200).setLatencyMs(50).build());
        }
        return p;
    }

    private void send(String key, PaneMessage m) {
        merger.process(new Record<>(key, m, 0L));
    }

    private List<TouchpointHealth> emitted() {
        List<TouchpointHealth> out = ctx.forwarded().stream().<TouchpointHealth>map(f -> f.record().value()).toList();
        ctx.resetForwards();
        return out;
    }

    @Test
    void waitsForTheSlowestPartitionBeforeClosingAWindow() {
        send("premium|checkout", PaneMessage.partial(0, 0, pane(3)));
        send("", PaneMessage.watermark(0, MIN));
        // partition 0 is ahead; partition 1 has not closed its first minute yet
        send("", PaneMessage.watermark(0, 3 * MIN));
        assertThat(emitted()).isEmpty();

        send("premium|checkout", PaneMessage.partial(1, 0, pane(2)));
        send("", PaneMessage.watermark(1, MIN));
        List<TouchpointHealth> first = emitted();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getEvents()).isEqualTo(5);
        assertThat(first.get(0).getWindowEnd().toEpochMilli()).isEqualTo(MIN);

        send("", PaneMessage.watermark(1, 3 * MIN));
        assertThat(emitted()).extracting(h -> h.getWindowEnd().toEpochMilli()).containsExactly(2 * MIN, 3 * MIN);
    }

    @Test
    void idlePartitionsDoNotHoldWindowsBack() {
        send("premium|checkout", PaneMessage.partial(0, 0, pane(4)));
        send("", PaneMessage.idle(1));
        send("", PaneMessage.watermark(0, 2 * MIN));
        assertThat(emitted()).extracting(TouchpointHealth::getEvents).containsExactly(4L, 4L);

        // partition 1 wakes up: from now on windows wait for it again
        send("", PaneMessage.watermark(1, 2 * MIN));
        send("", PaneMessage.watermark(0, 4 * MIN));
        assertThat(emitted()).isEmpty();
    }

    @Test
    void replayOrderDoesNotChangeTheWindows() {
        // "live": both partitions advance together
        send("premium|checkout", PaneMessage.partial(0, 0, pane(1)));
        send("premium|checkout", PaneMessage.partial(1, 0, pane(2)));
        send("", PaneMessage.watermark(0, MIN));
        send("", PaneMessage.watermark(1, MIN));
        send("premium|checkout", PaneMessage.partial(0, MIN, pane(3)));
        send("premium|checkout", PaneMessage.partial(1, MIN, pane(4)));
        send("", PaneMessage.watermark(0, 7 * MIN));
        send("", PaneMessage.watermark(1, 7 * MIN));
        List<Long> live = emitted().stream().map(TouchpointHealth::getEvents).toList();

        setUp();
        // "replay": partition 0 races ahead through all of its data before partition 1 starts
        send("premium|checkout", PaneMessage.partial(0, 0, pane(1)));
        send("", PaneMessage.watermark(0, MIN));
        send("premium|checkout", PaneMessage.partial(0, MIN, pane(3)));
        send("", PaneMessage.watermark(0, 7 * MIN));
        send("premium|checkout", PaneMessage.partial(1, 0, pane(2)));
        send("", PaneMessage.watermark(1, MIN));
        send("premium|checkout", PaneMessage.partial(1, MIN, pane(4)));
        send("", PaneMessage.watermark(1, 7 * MIN));
        assertThat(emitted().stream().map(TouchpointHealth::getEvents).toList()).isEqualTo(live).containsExactly(3L, 10L, 10L, 10L, 10L, 7L);
    }

    /** A part whose merge order shows: negative texts (a floating-point sum) with more distinct terms than the counter keeps. */
    private static PaneAggregate negativeTexts(int partition) {
        PaneAggregate p = new PaneAggregate();
        for (int i = 0; i < 20; i++) {
            p.add(Signal.newBuilder().setEventId("t" + partition + "-" + i).setTimestamp(Instant.EPOCH).setSource(SignalSource.SEARCH)
                    .setCustomerId("c" + i).setSegment("premium").setTouchpoint("checkout").setChannel("web")
                    .setCompound(-0.1 * (partition + 1) - i / 7.0).setLabel("negative").setHasText(true).setText("awful " + i)
                    .setDissatisfied(false).setReasons(List.of()).setTerms(List.of("term" + partition + "x" + i, "shared" + (i % 3))).build());
        }
        return p;
    }

    private List<TouchpointHealth> windowsWhenPartsArriveIn(int... order) {
        ctx.resetForwards();
        setUp(); // fresh stores
        merger = new HealthWindowMerger(new WindowSpec(5 * MIN, MIN, 30_000, 10_000), 3, PipelineMetrics.noop());
        merger.init(ctx);
        for (int partition : order) {
            send("premium|checkout", PaneMessage.partial(partition, 0, negativeTexts(partition)));
        }
        for (int partition = 0; partition < 3; partition++) {
            send("", PaneMessage.watermark(partition, 5 * MIN));
        }
        return emitted();
    }

    @Test
    void partsMergeInTheSameOrderWhateverOrderTheyArriveIn() {
        List<TouchpointHealth> inOrder = windowsWhenPartsArriveIn(0, 1, 2);
        assertThat(inOrder).hasSize(5);
        assertThat(inOrder.get(0).getEvents()).isEqualTo(60);
        assertThat(windowsWhenPartsArriveIn(2, 0, 1)).isEqualTo(inOrder);
        assertThat(windowsWhenPartsArriveIn(1, 2, 0)).isEqualTo(inOrder);
    }

    @Test
    void panesMergedByAnOlderVersionAreStillCounted() {
        KeyValueStore<String, PaneAggregate> store = ctx.getStateStore(Stores.PANES_MERGED);
        store.put("0|premium|checkout", pane(3)); // the key of a pane merged before parts were kept per partition
        merger.init(ctx);
        send("premium|checkout", PaneMessage.partial(1, 0, pane(2)));
        send("", PaneMessage.watermark(0, MIN));
        send("", PaneMessage.watermark(1, MIN));
        assertThat(emitted()).extracting(TouchpointHealth::getEvents).containsExactly(5L);
        send("", PaneMessage.watermark(0, 6 * MIN));
        send("", PaneMessage.watermark(1, 6 * MIN));
        emitted();
        assertThat(store.approximateNumEntries()).as("pruned like the others").isZero();
    }
}
