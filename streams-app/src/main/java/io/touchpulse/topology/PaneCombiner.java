package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import io.touchpulse.topology.window.PaneAggregate;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Stage 1 of the health windows, one instance per input partition: adds each signal to its
 * one-minute pane per segment × touchpoint and, once this partition's event time has passed a
 * pane's end plus the grace, sends the closed pane and then a watermark downstream.
 * <p>
 * Why not a plain {@code groupBy(segment|touchpoint).windowedBy(...)}: that repartitions every
 * event (costly), and in a catch-up or replay the repartition topic interleaves partitions that
 * have drifted apart in event time, so a fixed grace silently drops window updates. Here only
 * closed panes cross the repartition (a few per key per minute) and the merger closes a
 * window only when every partition's watermark has passed it, so replay equals live.
 */
final class PaneCombiner implements Processor<String, Signal, String, PaneMessage> {
    private static final String WATERMARK = "watermark";

    /** However long a partition's backlog claims to wait, after this many idle timeouts without input it is idle. */
    static final int MAX_IDLE_TIMEOUTS_WAITING = 6;

    private final WindowSpec spec;
    private final PipelineMetrics metrics;
    private final InputBacklog backlog;
    private ProcessorContext<String, PaneMessage> ctx;
    private KeyValueStore<String, PaneAggregate> store;
    private KeyValueStore<String, Long> clock;
    /** Open panes by store key "paneStart|segment|touchpoint"; mirrors the store so a record costs no read. */
    private final Map<String, PaneAggregate> open = new HashMap<>();
    private int sender;
    private long watermark = Long.MIN_VALUE;
    private long closedUntil = Long.MIN_VALUE;
    private long lastInputWallMs;
    private boolean idle;

    PaneCombiner(WindowSpec spec, PipelineMetrics metrics, InputBacklog backlog) {
        this.spec = spec;
        this.metrics = metrics;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<String, PaneMessage> context) {
        this.ctx = context;
        this.sender = context.taskId().partition();
        this.store = context.getStateStore(Stores.PANES_OPEN);
        this.clock = context.getStateStore(Stores.PANE_CLOCK);
        // Kafka Streams re-initialises the same processor object when it revives a corrupted task (exactly-once: the
        // uncommitted work is aborted and the stores restored from their changelogs), so nothing may survive from before
        open.clear();
        watermark = Long.MIN_VALUE;
        closedUntil = Long.MIN_VALUE;
        idle = false;
        try (KeyValueIterator<String, PaneAggregate> it = store.all()) {
            it.forEachRemaining(kv -> open.put(kv.key, kv.value));
        }
        Long w = clock.get(WATERMARK);
        if (w != null) {
            watermark = w;
            closedUntil = spec.closedUntil(w);
        }
        lastInputWallMs = context.currentSystemTimeMs();
        long tick = Math.max(100, Math.min(1000, spec.idleTimeout() / 4));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal s = record.value();
        long t = s.getTimestamp().toEpochMilli();
        lastInputWallMs = ctx.currentSystemTimeMs();
        if (idle) {
            idle = false;
            broadcast(PaneMessage.watermark(sender, closedUntil), Math.max(0, closedUntil));
        }
        long pane = spec.paneStart(t);
        if (closedUntil != Long.MIN_VALUE && pane + spec.advance() <= closedUntil) {
            metrics.late("combiner", 1);
            ctx.forward(new Record<>(record.key(), PaneMessage.late(sender, s), record.timestamp(), record.headers()));
            return;
        }
        String key = pane + "|" + HealthKey.of(s.getSegment(), s.getTouchpoint());
        PaneAggregate agg = open.computeIfAbsent(key, k -> new PaneAggregate());
        agg.add(s);
        store.put(key, agg);
        if (t > watermark) {
            watermark = t;
            clock.put(WATERMARK, t);
            long newClosed = spec.closedUntil(t);
            if (newClosed > closedUntil) {
                closePanes(newClosed);
            }
        }
    }

    private void closePanes(long newClosed) {
        Iterator<Map.Entry<String, PaneAggregate>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, PaneAggregate> e = it.next();
            int bar = e.getKey().indexOf('|');
            long paneStart = Long.parseLong(e.getKey().substring(0, bar));
            if (paneStart + spec.advance() <= newClosed) {
                ctx.forward(new Record<>(e.getKey().substring(bar + 1), PaneMessage.partial(sender, paneStart, e.getValue()), paneStart + spec.advance()));
                store.delete(e.getKey());
                it.remove();
            }
        }
        closedUntil = newClosed;
        broadcast(PaneMessage.watermark(sender, newClosed), newClosed);
    }

    /**
     * A partition without input for the idle timeout stops holding windows back. Its open panes go to the merger first,
     * as they are so far (the events after them start new partial panes, merged there): otherwise the other partitions'
     * watermarks would close windows without this partition's last events, and those would arrive late when it resumes.
     */
    private void checkIdle(long wallNow) {
        long quiet = wallNow - lastInputWallMs;
        if (idle || quiet < spec.idleTimeout()) {
            return;
        }
        // quiet, but records are waiting (not fetched yet in a catch-up, the thread busy with other partitions): starved,
        // not idle; the cap keeps a lag figure that never comes from holding the windows forever
        if (quiet < spec.idleTimeout() * MAX_IDLE_TIMEOUTS_WAITING && backlog.pending(sender)) {
            return;
        }
        idle = true;
        for (Map.Entry<String, PaneAggregate> e : open.entrySet()) {
            int bar = e.getKey().indexOf('|');
            long paneStart = Long.parseLong(e.getKey().substring(0, bar));
            ctx.forward(new Record<>(e.getKey().substring(bar + 1), PaneMessage.partial(sender, paneStart, e.getValue()), paneStart + spec.advance()));
            store.delete(e.getKey());
        }
        open.clear();
        broadcast(PaneMessage.idle(sender), Math.max(0, watermark));
    }

    private void broadcast(PaneMessage m, long timestamp) {
        ctx.forward(new Record<>("", m, timestamp));
    }
}
