package io.touchpulse.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.TouchpointHealth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code touchpulse_*} business metrics of the pipeline. Counters are resolved once per
 * label combination and cached, so the per-record cost is one atomic add; labels are bounded
 * by {@link LabelGuard}; never a customer id.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final LabelGuard segments;
    private final LabelGuard touchpoints;
    private static final SignalSource[] SOURCES = SignalSource.values();
    private static final Reason[] REASONS = Reason.all();
    /** Index in a combination's counter array: sources, then dissatisfied, then one per reason. */
    private static final int DISSATISFIED = SOURCES.length;
    private static final Map<String, Integer> REASON_SLOT = reasonSlots();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** segment → touchpoint → counters by source, then dissatisfied. */
    private final Map<String, Map<String, Counter[]>> signalCounters = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<TouchpointHealth>> latest = new ConcurrentHashMap<>();
    /** Grace, merger and lag put a final window seconds to minutes after its end; a backlog, hours. */
    private static final java.time.Duration[] WINDOW_DELAY_BUCKETS = java.util.stream.LongStream.of(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
            .mapToObj(java.time.Duration::ofSeconds).toArray(java.time.Duration[]::new);
    private final io.micrometer.core.instrument.Timer windowDelay;
    /** fingerprint → the alert firing now (severity and its segment|touchpoint metric labels). */
    private final Map<String, Firing> firing = new ConcurrentHashMap<>();

    private record Firing(String severity, String labels) {
    }

    public PipelineMetrics(MeterRegistry registry, int labelCap) {
        this.registry = registry;
        this.windowDelay = io.micrometer.core.instrument.Timer.builder("touchpulse_health_window_delay")
                .description("Wall-clock time from a window's end to its final result: how far the health data and alerts lag behind reality")
                .serviceLevelObjectives(WINDOW_DELAY_BUCKETS).register(registry);
        this.segments = new LabelGuard(labelCap);
        this.touchpoints = new LabelGuard(labelCap);
        late("combiner", 0);
        late("merger", 0);
        late("merger-partial", 0);
        // registered up front, so "no alert firing" is a 0 on dashboards, not a missing series
        for (io.touchpulse.schema.Severity sev : io.touchpulse.schema.Severity.values()) {
            String name = sev.name();
            Gauge.builder("touchpulse_alerts_firing", firing, f -> f.values().stream().filter(x -> x.severity().equals(name)).count())
                    .description("Alerts currently firing").tags("severity", name.toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    public static PipelineMetrics noop() {
        return new PipelineMetrics(new SimpleMeterRegistry(), 50);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Per-record path: two map lookups on the raw names, no allocation once a combination has been seen. */
    public void signal(Signal s) {
        Counter[] c = signalCounters.computeIfAbsent(s.getSegment(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(s.getTouchpoint(), tp -> signalCounters(s.getSegment(), tp));
        c[s.getSource().ordinal()].increment();
        if (s.getDissatisfied()) {
            c[DISSATISFIED].increment();
            for (String reason : s.getReasons()) {
                Integer slot = REASON_SLOT.get(reason);
                if (slot != null) {
                    c[slot].increment();
                }
            }
        }
    }

    private static Map<String, Integer> reasonSlots() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (Reason r : REASONS) {
            m.put(r.name(), DISSATISFIED + 1 + r.ordinal());
        }
        return Map.copyOf(m);
    }

    private Counter[] signalCounters(String segment, String touchpoint) {
        String seg = segments.label(segment);
        String tp = touchpoints.label(touchpoint);
        Counter[] c = new Counter[SOURCES.length + 1 + REASONS.length];
        for (SignalSource source : SOURCES) {
            c[source.ordinal()] = counter("touchpulse_signals", "Events normalised and scored into signals",
                    "source", source.name().toLowerCase(java.util.Locale.ROOT), "segment", seg, "touchpoint", tp);
        }
        c[DISSATISFIED] = counter("touchpulse_dissatisfied_events", "Signals flagged as a dissatisfied customer moment", "segment", seg, "touchpoint", tp);
        // the reason set is a fixed enum, so this multiplies the series by at most 12 and says *why* per touchpoint
        for (Reason r : REASONS) {
            c[DISSATISFIED + 1 + r.ordinal()] = counter("touchpulse_dissatisfied_reasons", "Dissatisfied signals by reason (one signal can have several)",
                    "segment", seg, "touchpoint", tp, "reason", r.name().toLowerCase(java.util.Locale.ROOT));
        }
        return c;
    }

    /** A record sent to the dead-letter topic; reason is one of DeadLetters' reason codes, topic an input topic name. */
    public void deadLetter(String reason, String sourceTopic) {
        counter("touchpulse_dlq_records", "Records routed to the dead-letter topic", "reason", reason, "topic", sourceTopic == null ? "unknown" : sourceTopic).increment();
    }

    /**
     * Events that arrived after their window closed; stage is "combiner" (per record), "merger" (whole panes, in no
     * window) or "merger-partial" (panes of a partition that resumed after being idle: in the later windows only).
     */
    public void late(String stage, long events) {
        counter("touchpulse_late_events", "Events that arrived after their window had closed (beyond the grace)", "stage", stage).increment(events);
    }

    public void healthWindow(TouchpointHealth h) {
        long delayMs = System.currentTimeMillis() - h.getWindowEnd().toEpochMilli();
        if (delayMs >= 0) { // a simulator running faster than real time emits windows "from the future"
            windowDelay.record(java.time.Duration.ofMillis(delayMs));
        }
        String key = segments.label(h.getSegment()) + "|" + touchpoints.label(h.getTouchpoint());
        counter("touchpulse_health_windows", "Final touchpoint-health windows emitted", "segment", segments.label(h.getSegment()), "touchpoint", touchpoints.label(h.getTouchpoint())).increment();
        latest.computeIfAbsent(key, k -> registerTouchpoint(k, h)).set(h);
    }

    private AtomicReference<TouchpointHealth> registerTouchpoint(String key, TouchpointHealth first) {
        String seg = HealthKey.segment(key);
        String tp = HealthKey.touchpoint(key);
        // per pair, not per alert: the series exists (at 0) as soon as the touchpoint has data, and a
        // drill-down shows a touchpoint's alert history without labelling transitions by segment and touchpoint
        Gauge.builder("touchpulse_touchpoint_alerts_firing", firing, f -> f.values().stream().filter(x -> x.labels().equals(key)).count())
                .description("Alerts firing now for this segment and touchpoint").tags("segment", seg, "touchpoint", tp).register(registry);
        return TouchpointGauges.register(registry, seg, tp, first);
    }

    /**
     * An alert transition ({@code counted}: a new one, not one restored from state at start-up). Keeps a
     * firing gauge per severity so dashboards and Prometheus rules see firing alerts without reading Kafka.
     */
    public void alert(io.touchpulse.schema.Alert a, boolean counted) {
        if (counted) {
            counter("touchpulse_alert_transitions", "Alert transitions emitted to the alerts topic",
                    "status", a.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                    "severity", a.getSeverity().name().toLowerCase(java.util.Locale.ROOT), "metric", a.getMetric()).increment();
        }
        if (a.getStatus() == io.touchpulse.schema.AlertStatus.FIRING) {
            firing.put(a.getFingerprint(), new Firing(a.getSeverity().name(),
                    segments.label(a.getSegment()) + "|" + touchpoints.label(a.getTouchpoint())));
        } else {
            firing.remove(a.getFingerprint());
        }
    }

    /** A journey issue found (type is one of six, a bounded label). */
    public void journeyIssue(String type) {
        counter("touchpulse_journey_issues", "Customer journey issues found, by type", "type", type).increment();
    }

    /** A survey send/suppress decision; reasons are a small fixed set. */
    public void surveyDecision(boolean send, String reason) {
        counter("touchpulse_survey_decisions", "Survey decisions published", "decision", send ? "send" : "suppress", "reason", reason).increment();
    }

    private Counter counter(String name, String help, String... tags) {
        StringBuilder key = new StringBuilder(name);
        for (String t : tags) {
            key.append('\u0000').append(t);
        }
        return counters.computeIfAbsent(key.toString(), k -> Counter.builder(name).description(help).tags(tags).register(registry));
    }
}
