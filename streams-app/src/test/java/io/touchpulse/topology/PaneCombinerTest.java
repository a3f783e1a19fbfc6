package io.touchpulse.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.topology.window.PaneAggregateSerde;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition's event time and idleness: a quiet partition whose records are still waiting upstream (a starved
 * catch-up) must not count as idle; an input topic that lags the others holds the partition's event time back.
 */
class PaneCombinerTest {
    private static final long IDLE_MS = 10_000;
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final AtomicBoolean pending = new AtomicBoolean();
    private static final String WEB = "tp.web-traffic", SEARCH = "tp.search";
    private MockProcessorContext<String, PaneMessage> ctx;
    private PaneCombiner combiner;
    private long offset;

    @BeforeEach
    void setUp() {
        combiner = new PaneCombiner(new WindowSpec(300_000, 60_000, 30_000, IDLE_MS),
                new PipelineMetrics(new SimpleMeterRegistry(), 50), partition -> pending.get());
        ctx = new MockProcessorContext<>();
        ctx.setCurrentSystemTimeMs(0);
        add(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.PANES_OPEN), Serdes.String(), new PaneAggregateSerde()));
        add(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.PANE_CLOCK), Serdes.String(), Serdes.Long()));
        combiner.init(ctx);
        process(WEB, T0);
        ctx.resetForwards();
    }

    private void process(String topic, Instant at) {
        Signal s = Signal.newBuilder().setEventId("e").setTimestamp(at).setSource(SignalSource.WEB).setCustomerId("c1")
                .setSegment("premium").setTouchpoint("checkout").setChannel("web").setCompound(0).setLabel("neutral")
                .setHasText(false).setDissatisfied(false).setReasons(List.of()).setTerms(List.of()).setIntents(List.of())
                .setAspects(Map.of()).setZeroResults(false).build();
        ctx.setRecordMetadata(topic, 0, offset++);
        combiner.process(new Record<>("c1", s, at.toEpochMilli()));
    }

    /** What the combiner sent since the last call: kind and time of each message. */
    private List<String> sent() {
        List<String> out = ctx.forwarded().stream().map(f -> f.record().value())
                .map(m -> m.kind() + (m.kind() == PaneMessage.Kind.IDLE ? "" : " " + Instant.ofEpochMilli(m.time()))).toList();
        ctx.resetForwards();
        return out;
    }

    private <V> void add(StoreBuilder<KeyValueStore<String, V>> b) {
        KeyValueStore<String, V> store = b.withLoggingDisabled().build();
        store.init(ctx.getStateStoreContext(), store);
        ctx.addStateStore(store);
    }

    private List<PaneMessage.Kind> punctuateAt(long wallMs) {
        ctx.setCurrentSystemTimeMs(wallMs);
        ctx.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(wallMs));
        List<PaneMessage.Kind> kinds = ctx.forwarded().stream().map(f -> f.record().value().kind()).toList();
        ctx.resetForwards();
        return kinds;
    }

    @Test
    void quietWithNothingWaitingIsIdleAndHandsOverItsOpenPane() {
        assertThat(punctuateAt(IDLE_MS - 1)).isEmpty();
        assertThat(punctuateAt(IDLE_MS)).containsExactly(PaneMessage.Kind.PARTIAL, PaneMessage.Kind.IDLE);
        assertThat(punctuateAt(3 * IDLE_MS)).as("idle once").isEmpty();
    }

    @Test
    void quietWhileRecordsWaitIsNotIdleUntilTheCap() {
        pending.set(true);
        assertThat(punctuateAt(IDLE_MS)).isEmpty();
        assertThat(punctuateAt(PaneCombiner.MAX_IDLE_TIMEOUTS_WAITING * IDLE_MS - 1)).isEmpty();
        assertThat(punctuateAt(PaneCombiner.MAX_IDLE_TIMEOUTS_WAITING * IDLE_MS)).containsExactly(PaneMessage.Kind.PARTIAL, PaneMessage.Kind.IDLE);
    }

    @Test
    void idleAsSoonAsTheBacklogIsFetched() {
        pending.set(true);
        assertThat(punctuateAt(2 * IDLE_MS)).isEmpty();
        pending.set(false);
        assertThat(punctuateAt(2 * IDLE_MS + 500)).containsExactly(PaneMessage.Kind.PARTIAL, PaneMessage.Kind.IDLE);
    }

    @Test
    void aTopicBehindTheOthersHoldsThePartitionsEventTimeBackSoItsRecordsAreNotLate() {
        process(SEARCH, T0.plusSeconds(1));
        process(WEB, T0.plusSeconds(600)); // web ten minutes ahead, as when searches reach the app later
        assertThat(sent()).as("no pane closes while searches are at 10:00:01").isEmpty();
        process(SEARCH, T0.plusSeconds(30));
        assertThat(sent()).as("a search at 10:00:30 is not late; it closes the panes before 10:00")
                .containsExactly("WATERMARK 2026-03-02T10:00:00Z");
        process(SEARCH, T0.plusSeconds(120));
        // searches at 10:02:00, minus the 30 s grace: the pane 10:00-10:01 (both searches and the first page) closes
        assertThat(sent()).containsExactly("PARTIAL 2026-03-02T10:00:00Z", "WATERMARK 2026-03-02T10:01:00Z");
    }

    @Test
    void aQuietTopicStopsHoldingTheEventTimeBackAfterTheIdleTimeout() {
        process(SEARCH, T0.plusSeconds(1));
        process(WEB, T0.plusSeconds(600));
        assertThat(punctuateAt(IDLE_MS - 1)).isEmpty();
        ctx.setCurrentSystemTimeMs(IDLE_MS / 2);
        process(WEB, T0.plusSeconds(601)); // web keeps coming: only searches go quiet
        ctx.resetForwards();
        assertThat(punctuateAt(IDLE_MS)).as("searches quiet for the idle timeout: web's event time counts")
                .containsExactly(PaneMessage.Kind.PARTIAL, PaneMessage.Kind.WATERMARK);
        process(SEARCH, T0.plusSeconds(2));
        assertThat(sent()).as("a search for a closed pane after that is late").containsExactly("LATE 2026-03-02T10:10:01Z");
    }
}
