package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import io.touchpulse.topology.window.PaneAggregate;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 * <p>
 * A partition's event time is the lowest of its input topics' (web traffic, searches, interactions), each the
 * latest event time of that topic, leaving out a topic without input for the idle timeout. Kafka Streams interleaves
 * a task's topics by timestamp only as far as it has their records fetched: when one topic's records reach the app
 * seconds after the others' (a backfill produced while the app reads at its tail), the others run ahead, and a single
 * event time over all three would close panes before the late topic's events arrive.
 */
final class PaneCombiner implements Processor<String, Signal, String, PaneMessage> {
    private static final String WATERMARK = "watermark";
    private static final String CLOSED_UNTIL = "closed-until";
    private static final String TOPIC_TIME = "time|";

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
    /** Each input topic's event time, by topic name; a handful of entries. */
    private final Map<String, Input> inputs = new HashMap<>();
    private String lastTopic;
    private Input lastInput;
    /** The latest event time over all input topics. */
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
        inputs.clear();
        lastTopic = null;
        lastInput = null;
        watermark = Long.MIN_VALUE;
        closedUntil = Long.MIN_VALUE;
        idle = false;
        try (KeyValueIterator<String, PaneAggregate> it = store.all()) {
            it.forEachRemaining(kv -> open.put(kv.key, kv.value));
        }
        lastInputWallMs = context.currentSystemTimeMs();
        try (KeyValueIterator<String, Long> it = clock.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.startsWith(TOPIC_TIME)) {
                    inputs.put(kv.key.substring(TOPIC_TIME.length()), new Input(kv.key, kv.value, lastInputWallMs));
                }
            });
        }
        Long w = clock.get(WATERMARK);
        if (w != null) {
            watermark = w;
            Long closed = clock.get(CLOSED_UNTIL);
            closedUntil = closed != null ? closed : spec.closedUntil(w); // stores written before per-topic event times
        }
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
        Input in = input(ctx.recordMetadata().map(RecordMetadata::topic).orElse(""));
        in.lastWallMs = lastInputWallMs;
        boolean moved = !in.counts || t > in.time;
        in.counts = true;
        if (t > in.time) {
            in.time = t;
            clock.put(in.clockKey, t);
        }
        long pane = spec.paneStart(t);
        if (closedUntil != Long.MIN_VALUE && pane + spec.advance() <= closedUntil) {
            metrics.late("combiner", 1);
            ctx.forward(new Record<>(record.key(), PaneMessage.late(sender, s, watermark), record.timestamp(), record.headers()));
            return;
        }
        String key = pane + "|" + HealthKey.of(s.getSegment(), s.getTouchpoint());
        PaneAggregate agg = open.computeIfAbsent(key, k -> new PaneAggregate());
        agg.add(s);
        store.put(key, agg);
        if (t > watermark) {
            watermark = t;
            clock.put(WATERMARK, t);
        }
        if (moved) {
            advance();
        }
    }

    private Input input(String topic) {
        if (topic != lastTopic) { // records come in runs from one topic: the same String instance
            lastInput = inputs.computeIfAbsent(topic, k -> new Input(TOPIC_TIME + k, Long.MIN_VALUE, lastInputWallMs));
            lastTopic = topic;
        }
        return lastInput;
    }

    /** Closes the panes that the lowest event time of the counted input topics has passed by more than the grace. */
    private void advance() {
        long low = Long.MAX_VALUE;
        for (Input in : inputs.values()) {
            if (in.counts && in.time < low) {
                low = in.time;
            }
        }
        if (low == Long.MAX_VALUE || low == Long.MIN_VALUE) {
            return;
        }
        long newClosed = spec.closedUntil(low);
        if (newClosed > closedUntil) {
            closePanes(newClosed);
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
        clock.put(CLOSED_UNTIL, newClosed);
        broadcast(PaneMessage.watermark(sender, newClosed), newClosed);
    }

    /**
     * A partition without input for the idle timeout stops holding windows back. Its open panes go to the merger first,
     * as they are so far (the events after them start new partial panes, merged there): otherwise the other partitions'
     * watermarks would close windows without this partition's last events, and those would arrive late when it resumes.
     */
    private void checkIdle(long wallNow) {
        dropQuietTopics(wallNow);
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

    /** An input topic without records for the idle timeout stops holding this partition's event time back. */
    private void dropQuietTopics(long wallNow) {
        boolean dropped = false;
        for (Input in : inputs.values()) {
            if (in.counts && wallNow - in.lastWallMs >= spec.idleTimeout()) {
                in.counts = false;
                dropped = true;
            }
        }
        if (dropped) {
            advance();
        }
    }

    private void broadcast(PaneMessage m, long timestamp) {
        ctx.forward(new Record<>("", m, timestamp));
    }

    /** One input topic of this partition: its latest event time, when it last had a record, and whether it counts. */
    private static final class Input {
        final String clockKey;
        long time;
        long lastWallMs;
        boolean counts = true;

        Input(String clockKey, long time, long lastWallMs) {
            this.clockKey = clockKey;
            this.time = time;
            this.lastWallMs = lastWallMs;
        }
    }
}
