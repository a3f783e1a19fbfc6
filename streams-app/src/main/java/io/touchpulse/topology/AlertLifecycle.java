package io.touchpulse.topology;

import io.touchpulse.alert.AlertComposer;
import io.touchpulse.alert.AlertMetric;
import io.touchpulse.alert.MetricWatch;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 3: final health windows → detector state per segment × touchpoint × metric → alert
 * transitions on tp.alerts. Runs right after the window merger (same single task), so windows
 * arrive in event-time order. State lives in changelogged stores, so a restart resumes every
 * baseline and every firing alert instead of re-learning or re-firing.
 *
 * <p>Silence: a touchpoint with no events has no window at all. When windows for a new end time
 * start arriving, every touchpoint that had none at the previous end is observed with zero events.
 */
public final class AlertLifecycle implements Processor<String, TouchpointHealth, String, Alert> {
    /** Header on every tp.alerts record: wall-clock epoch millis when the alert stage decided it (decimal text). */
    public static final String EMITTED_AT_HEADER = "tp.emitted-at";
    private static final String GLOBAL = "global";
    private static final String SEEN = "seen.";

    private final List<AlertMetric> metrics;
    private final MetricWatch watch;
    private final AlertComposer composer;
    private final long forgetAfterMs;
    private final long keepResolvedMs;
    private final PipelineMetrics pipelineMetrics;
    private ProcessorContext<String, Alert> ctx;
    private KeyValueStore<String, byte[]> tracks;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, Alert> alerts;
    /** segment|touchpoint → end of its latest window with events; mirrors the clock store. */
    private final Map<String, Long> seen = new HashMap<>();
    private long globalEnd = Long.MIN_VALUE;
    private long windowSizeMs = -1;

    AlertLifecycle(List<AlertMetric> metrics, MetricWatch watch, AlertComposer composer, long forgetAfterMs, long keepResolvedMs,
                   PipelineMetrics pipelineMetrics) {
        this.metrics = List.copyOf(metrics);
        this.watch = watch;
        this.composer = composer;
        this.forgetAfterMs = forgetAfterMs;
        this.keepResolvedMs = keepResolvedMs;
        this.pipelineMetrics = pipelineMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.ctx = context;
        this.tracks = context.getStateStore(Stores.ALERT_TRACKS);
        this.clock = context.getStateStore(Stores.ALERT_CLOCK);
        this.alerts = context.getStateStore(Stores.ALERTS);
        // a revived task (exactly-once abort) re-initialises this same object: only the restored stores count
        seen.clear();
        globalEnd = Long.MIN_VALUE;
        try (KeyValueIterator<String, Long> it = clock.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.equals(GLOBAL)) {
                    globalEnd = kv.value;
                } else if (kv.key.startsWith(SEEN)) {
                    seen.put(kv.key.substring(SEEN.length()), kv.value);
                }
            });
        }
        try (KeyValueIterator<String, Alert> it = alerts.all()) {
            it.forEachRemaining(kv -> pipelineMetrics.alert(kv.value, false));
        }
    }

    @Override
    public void process(Record<String, TouchpointHealth> record) {
        TouchpointHealth h = record.value();
        long end = h.getWindowEnd().toEpochMilli();
        windowSizeMs = end - h.getWindowStart().toEpochMilli();
        if (end > globalEnd) {
            if (globalEnd != Long.MIN_VALUE) {
                observeSilence(globalEnd);
                pruneResolved(globalEnd);
            }
            globalEnd = end;
            clock.put(GLOBAL, end);
        }
        String key = HealthKey.of(h.getSegment(), h.getTouchpoint());
        seen.put(key, end);
        clock.put(SEEN + key, end);
        for (AlertMetric m : metrics) {
            AlertMetric.Reading r = m.read(h);
            if (r != null) {
                evaluate(h, m, r);
            }
        }
    }

    /** Touchpoints seen recently but without a window ending at {@code end}: zero events. Forgotten after a long silence. */
    private void observeSilence(long end) {
        if (!metrics.contains(AlertMetric.EVENTS)) {
            return;
        }
        List<String> forgotten = new ArrayList<>();
        seen.forEach((key, last) -> {
            if (last >= end) {
                return;
            }
            if (end - last > forgetAfterMs) {
                forgotten.add(key);
                return;
            }
            TouchpointHealth empty = emptyWindow(key, end);
            evaluate(empty, AlertMetric.EVENTS, AlertMetric.EVENTS.read(empty));
        });
        for (String key : forgotten) {
            seen.remove(key);
            clock.delete(SEEN + key);
            metrics.forEach(m -> tracks.delete(key + "|" + m.id()));
        }
    }

    private TouchpointHealth emptyWindow(String key, long end) {
        return TouchpointHealth.newBuilder()
                .setSegment(HealthKey.segment(key)).setTouchpoint(HealthKey.touchpoint(key))
                .setWindowStart(Instant.ofEpochMilli(end - windowSizeMs)).setWindowEnd(Instant.ofEpochMilli(end))
                .setEvents(0).setDistinctCustomers(0).setDissatisfied(0).setDissatisfiedRate(0).setTextEvents(0)
                .build();
    }

    private void evaluate(TouchpointHealth h, AlertMetric m, AlertMetric.Reading reading) {
        String trackKey = HealthKey.of(h.getSegment(), h.getTouchpoint()) + "|" + m.id();
        long end = h.getWindowEnd().toEpochMilli();
        MetricWatch.Outcome out = watch.observe(tracks.get(trackKey), m, end, reading);
        tracks.put(trackKey, out.state());
        if (out.decision() == null) {
            return;
        }
        Alert alert = composer.compose(h, m, out.decision());
        alerts.put(alert.getFingerprint(), alert);
        pipelineMetrics.alert(alert, true);
        // wall-clock time of the decision, so delivery latency can be measured end to end (bench, dashboards)
        Headers headers = new RecordHeaders().add(EMITTED_AT_HEADER,
                Long.toString(ctx.currentSystemTimeMs()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ctx.forward(new Record<>(HealthKey.of(h.getSegment(), h.getTouchpoint()), alert, end, headers));
        // The windows that decide alerts arrive right after a commit (the merger reads committed panes), so waiting
        // for the next scheduled commit would hold every alert back a whole commit.interval. Alerts are rare: ask
        // Kafka Streams to commit after this batch instead, so the dispatcher (read_committed) sees it at once.
        ctx.commit();
    }

    /** GET /api/alerts shows firing alerts and those resolved within the retention; older ones leave the store. */
    private void pruneResolved(long now) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = alerts.all()) {
            it.forEachRemaining(kv -> {
                Alert a = kv.value;
                if (a.getStatus() == AlertStatus.RESOLVED && a.getEndsAt() != null && now - a.getEndsAt().toEpochMilli() > keepResolvedMs) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(alerts::delete);
    }
}
