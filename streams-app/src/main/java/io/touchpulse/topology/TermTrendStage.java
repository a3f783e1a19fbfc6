package io.touchpulse.topology;

import io.touchpulse.detect.TermChange;
import io.touchpulse.detect.TermTracker;
import io.touchpulse.detect.TermTrendConfig;
import io.touchpulse.schema.TermCount;
import io.touchpulse.schema.TermTrend;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trending terms: each final health window's top negative terms feed the {@link TermTracker} of its
 * segment × touchpoint (state in {@link Stores#TERM_TRENDS}, one changelogged entry per key); a term that
 * starts trending, peaks higher or ends is published to tp.trending-terms (key {@code segment|touchpoint|term}).
 * Health windows come from a single-partition sub-topology, so all keys live in one task.
 */
public final class TermTrendStage implements Processor<String, TouchpointHealth, String, TermTrend> {
    /** Name of the processor in the topology. */
    public static final String PROCESSOR = "trend-terms";

    private final TermTrendConfig config;
    private ProcessorContext<String, TermTrend> ctx;
    private KeyValueStore<String, byte[]> store;

    TermTrendStage(TermTrendConfig config) {
        this.config = config;
    }

    /** Adds the store, the processor and the sink after the health stream. */
    static void attach(StreamsBuilder b, KStream<String, TouchpointHealth> health, Topics topics, TermTrendConfig config) {
        b.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.TERM_TRENDS), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()).withCachingDisabled());
        health.process(() -> new TermTrendStage(config), Named.as(PROCESSOR), Stores.TERM_TRENDS)
                .to(topics.trendingTerms(), Produced.with(Serdes.String(), AvroSerde.of(TermTrend.class)).withName("sink-trending-terms"));
    }

    @Override
    public void init(ProcessorContext<String, TermTrend> context) {
        this.ctx = context;
        this.store = context.getStateStore(Stores.TERM_TRENDS);
    }

    @Override
    public void process(Record<String, TouchpointHealth> record) {
        TouchpointHealth h = record.value();
        if (h == null) {
            return;
        }
        String key = HealthKey.of(h.getSegment(), h.getTouchpoint());
        byte[] stored = store.get(key);
        TermTracker tracker = stored == null ? TermTracker.empty(config) : TermTracker.decode(config, stored);
        Map<String, Long> counts = new HashMap<>();
        for (TermCount t : h.getTopNegativeTerms()) {
            counts.merge(t.getTerm(), t.getCount(), Long::sum);
        }
        List<TermChange> changes = tracker.observe(h.getWindowEnd().toEpochMilli(), counts);
        store.put(key, tracker.encode());
        for (TermChange c : changes) {
            ctx.forward(new Record<>(key + "|" + c.term(), toAvro(h.getSegment(), h.getTouchpoint(), c), record.timestamp()));
        }
    }

    static TermTrend toAvro(String segment, String touchpoint, TermChange c) {
        return TermTrend.newBuilder().setSegment(segment).setTouchpoint(touchpoint).setTerm(c.term())
                .setWindowEnd(java.time.Instant.ofEpochMilli(c.windowEnd())).setCount(c.count()).setBaseline(c.baseline())
                .setLift(c.lift()).setScore(c.score()).setTrending(c.trending()).build();
    }

    /**
     * The terms trending now, highest score first, for GET /api/trends: one segment × touchpoint, all touchpoints of a
     * segment, one touchpoint in all segments, or everything (null = any). Local to this instance's store.
     */
    public static List<TermTrend> currentTrends(ReadOnlyKeyValueStore<String, byte[]> store, String segment, String touchpoint) {
        TermTrendConfig any = TermTrendConfig.defaults(60_000); // decoding does not depend on the settings
        List<TermTrend> out = new ArrayList<>();
        if (segment != null && touchpoint != null) {
            byte[] v = store.get(HealthKey.of(segment, touchpoint));
            if (v != null) {
                TermTracker.decode(any, v).trending().forEach(c -> out.add(toAvro(segment, touchpoint, c)));
            }
        } else {
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    String seg = HealthKey.segment(kv.key);
                    String tp = HealthKey.touchpoint(kv.key);
                    if ((segment == null || segment.equals(seg)) && (touchpoint == null || touchpoint.equals(tp))) {
                        TermTracker.decode(any, kv.value).trending().forEach(c -> out.add(toAvro(seg, tp, c)));
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble(TermTrend::getScore).reversed()
                .thenComparing(Comparator.comparingDouble(TermTrend::getLift).reversed()).thenComparing(TermTrend::getTerm));
        return out;
    }
}
