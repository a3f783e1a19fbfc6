package io.touchpulse.topology;

import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.window.PaneAggregate;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stage 2 of the health windows: merges the closed panes of all input partitions and emits
 * each hopping window once, when it is final everywhere: when the lowest watermark among the
 * partitions that are not idle has passed the window's end (each partition's watermark already
 * includes the grace). A window is the merge of the {@code size / advance} panes it covers.
 * <p>
 * Each input partition's part of a pane is kept apart and the parts are merged in a fixed order (pane start, then
 * partition) when a window is emitted, never in the order they arrive: that order depends on timing, and merging is
 * not order-free (the sentiment sum is floating-point; the bounded term counter evicts by what it holds). So a replayed
 * backlog gives the same windows as the same events processed live. Store keys: {@code <pane start>#<partition>|<key>};
 * keys {@code <pane start>|<key>} (already merged, written before 2026-11) are read into slot 0, merged first.
 */
final class HealthWindowMerger implements Processor<String, PaneMessage, String, TouchpointHealth> {
    private static final String FINAL_UNTIL = "final-until";
    private static final String SENDER = "sender.";
    private static final String IDLE = "idle.";

    private final WindowSpec spec;
    private final int senders;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, TouchpointHealth> ctx;
    private KeyValueStore<String, PaneAggregate> store;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, TouchpointHealth> latest;
    /**
     * segment|touchpoint → pane start → the pane's parts, merged in this order: slot 0 a pane merged by an older version,
     * slot p + 1 input partition p's part; mirrors the store.
     */
    private final Map<String, NavigableMap<Long, PaneAggregate[]>> panes = new HashMap<>();
    private long[] senderClosed;
    private boolean[] senderIdle;
    private long finalUntil = Long.MIN_VALUE;
    /**
     * Wall-clock time at which input resumed after every partition had been idle (a start, a catch-up after a
     * producer outage): for one idle timeout from then, idle partitions hold windows back again, so a partition
     * whose share of the backlog is not fetched yet is not taken for idle while the others race ahead.
     */
    private long resumedAtWallMs = Long.MIN_VALUE;
    private final LatePaneLog lateLog = new LatePaneLog();

    HealthWindowMerger(WindowSpec spec, int senders, PipelineMetrics metrics) {
        this.spec = spec;
        this.senders = senders;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TouchpointHealth> context) {
        this.ctx = context;
        this.store = context.getStateStore(Stores.PANES_MERGED);
        this.clock = context.getStateStore(Stores.WINDOW_CLOCK);
        this.latest = context.getStateStore(Stores.TOUCHPOINT_LATEST);
        long tick = Math.max(100, Math.min(1000, spec.idleTimeout() / 4));
        context.schedule(java.time.Duration.ofMillis(tick), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, this::afterResume);
        // a revived task (exactly-once abort) re-initialises this same object: start from the restored stores only
        panes.clear();
        finalUntil = Long.MIN_VALUE;
        senderClosed = new long[senders];
        senderIdle = new boolean[senders];
        java.util.Arrays.fill(senderClosed, Long.MIN_VALUE);
        try (KeyValueIterator<String, PaneAggregate> it = store.all()) {
            it.forEachRemaining(kv -> {
                int bar = kv.key.indexOf('|');
                int hash = kv.key.lastIndexOf('#', bar);
                long start = Long.parseLong(kv.key.substring(0, hash < 0 ? bar : hash));
                int slot = hash < 0 ? 0 : Integer.parseInt(kv.key.substring(hash + 1, bar)) + 1;
                if (slot <= senders) { // parts of partitions that no longer exist stay out, as their messages would
                    parts(kv.key.substring(bar + 1), start)[slot] = kv.value;
                }
            });
        }
        try (KeyValueIterator<String, Long> it = clock.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.equals(FINAL_UNTIL)) {
                    finalUntil = kv.value;
                } else if (kv.key.startsWith(SENDER) && index(kv.key, SENDER) < senders) {
                    senderClosed[index(kv.key, SENDER)] = kv.value;
                } else if (kv.key.startsWith(IDLE) && index(kv.key, IDLE) < senders) {
                    senderIdle[index(kv.key, IDLE)] = kv.value != 0;
                }
            });
        }
    }

    /** Closes the windows held back while input resumed, once the idle partitions have had their chance. */
    private void afterResume(long wallNow) {
        if (resumedAtWallMs != Long.MIN_VALUE && wallNow - resumedAtWallMs >= spec.idleTimeout()) {
            resumedAtWallMs = Long.MIN_VALUE;
            advance();
        }
    }

    private static int index(String key, String prefix) {
        return Integer.parseInt(key.substring(prefix.length()));
    }

    @Override
    public void process(Record<String, PaneMessage> record) {
        PaneMessage m = record.value();
        if (m.sender() < 0 || m.sender() >= senders) {
            throw new IllegalStateException("pane message from partition " + m.sender() + " but the inputs have " + senders
                    + " partitions; restart the application after changing input partition counts");
        }
        switch (m.kind()) {
            case PARTIAL -> addPane(record.key(), m.time(), m.pane(), m.sender());
            case WATERMARK -> {
                if (senderIdle[m.sender()] && allIdle()) {
                    resumedAtWallMs = ctx.currentSystemTimeMs();
                }
                senderClosed[m.sender()] = Math.max(senderClosed[m.sender()], m.time());
                clock.put(SENDER + m.sender(), senderClosed[m.sender()]);
                setIdle(m.sender(), false);
                advance();
            }
            case IDLE -> {
                setIdle(m.sender(), true);
                advance();
            }
            case LATE -> throw new IllegalStateException("LATE messages never reach the merger");
        }
    }

    private void setIdle(int sender, boolean idle) {
        if (senderIdle[sender] != idle) {
            senderIdle[sender] = idle;
            clock.put(IDLE + sender, idle ? 1L : 0L);
        }
    }

    private void addPane(String key, long paneStart, PaneAggregate pane, int sender) {
        if (paneStart + spec.size() <= finalUntil) {
            // every window of this pane is out already: a partition that was idle came back with old events
            metrics.late("merger", pane.events());
            lateLog.dropped(sender, key, paneStart, pane.events(), finalUntil);
            return;
        }
        if (paneStart + spec.advance() <= finalUntil) {
            // the windows ending up to finalUntil were emitted without this pane; the later ones will have it
            metrics.late("merger-partial", pane.events());
            lateLog.partial(sender, key, paneStart, pane.events(), finalUntil);
        }
        PaneAggregate[] parts = parts(key, paneStart);
        if (parts[sender + 1] == null) {
            parts[sender + 1] = pane;
        } else {
            parts[sender + 1].merge(pane); // a later part from the same partition (after it was idle): same order every time
        }
        store.put(storeKey(paneStart, sender, key), parts[sender + 1]);
    }

    private PaneAggregate[] parts(String key, long paneStart) {
        return panes.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(paneStart, s -> new PaneAggregate[senders + 1]);
    }

    private static String storeKey(long paneStart, int partition, String key) {
        return paneStart + "#" + partition + "|" + key;
    }

    private boolean allIdle() {
        for (boolean idle : senderIdle) {
            if (!idle) {
                return false;
            }
        }
        return true;
    }

    /** The time up to which every window is final: the slowest active partition's watermark. */
    private long globalWatermark() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean anyActive = false;
        boolean resuming = resumedAtWallMs != Long.MIN_VALUE && ctx.currentSystemTimeMs() - resumedAtWallMs < spec.idleTimeout();
        for (int i = 0; i < senders; i++) {
            max = Math.max(max, senderClosed[i]);
            if (!senderIdle[i] || (resuming && !allIdle())) {
                anyActive = true;
                min = Math.min(min, senderClosed[i]);
            }
        }
        // all partitions idle: close what every partition has reported, so the tail of a replay is not held back forever
        return anyActive ? min : max;
    }

    private void advance() {
        long global = globalWatermark();
        if (global == Long.MIN_VALUE || global <= finalUntil) {
            return;
        }
        TreeSet<Long> ends = new TreeSet<>();
        for (NavigableMap<Long, PaneAggregate[]> byStart : panes.values()) {
            for (long start : byStart.keySet()) {
                for (long end = start + spec.advance(); end <= start + spec.size(); end += spec.advance()) {
                    if (end > finalUntil && end <= global) {
                        ends.add(end);
                    }
                }
            }
        }
        for (long end : ends) {
            emitWindowsEnding(end);
        }
        finalUntil = global;
        clock.put(FINAL_UNTIL, global);
        prune(global);
    }

    private void emitWindowsEnding(long end) {
        long start = end - spec.size();
        panes.forEach((key, byStart) -> {
            NavigableMap<Long, PaneAggregate[]> covered = byStart.subMap(start, true, end, false);
            if (covered.isEmpty()) {
                return;
            }
            PaneAggregate window = new PaneAggregate();
            for (PaneAggregate[] parts : covered.values()) {
                for (PaneAggregate part : parts) {
                    if (part != null) {
                        window.merge(part);
                    }
                }
            }
            TouchpointHealth h = window.toHealth(HealthKey.segment(key), HealthKey.touchpoint(key), start, end);
            TouchpointHealth previous = latest.get(key);
            if (previous == null || previous.getWindowEnd().toEpochMilli() <= end) {
                latest.put(key, h);
            }
            metrics.healthWindow(h);
            ctx.forward(new Record<>(key, h, end));
        });
    }

    /** A pane is needed until the last window containing it (ending at start + size) is final. */
    private void prune(long global) {
        panes.forEach((key, byStart) -> {
            NavigableMap<Long, PaneAggregate[]> done = byStart.headMap(global - spec.size() + spec.advance(), false);
            done.forEach((start, parts) -> {
                for (int slot = 0; slot < parts.length; slot++) {
                    if (parts[slot] != null) {
                        store.delete(slot == 0 ? start + "|" + key : storeKey(start, slot - 1, key));
                    }
                }
            });
            done.clear();
        });
        panes.values().removeIf(Map::isEmpty);
    }
}
