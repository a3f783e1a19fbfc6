package io.touchpulse.alert;

import io.touchpulse.detect.Detector;
import io.touchpulse.detect.DetectorConfig;
import io.touchpulse.detect.Direction;
import io.touchpulse.detect.Seasonality;
import io.touchpulse.detect.State;
import io.touchpulse.detect.Transition;
import io.touchpulse.detect.Verdict;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The detector as the alert stage uses it: one {@link Detector} per metric (each with the
 * direction that is bad for that metric), the stored bytes of one key in and out, and a
 * {@link AlertComposer.Decision} only when the alert changes (fires, changes severity, resolves).
 * Besides the detector's state, a key remembers when its current alert started.
 */
public final class MetricWatch {
    private static final byte VERSION = 2;

    private final Map<AlertMetric, Detector> detectors;
    private final Severity minSeverity;
    /**
     * A p95 is the 95th of 100 requests: on fewer, two or three slow requests move it by half (seen in the demo:
     * new customers' checkout, 60 requests, "p95 up 85%"), so levels are judged only on windows this well supported.
     */
    static final long MIN_LEVEL_SUPPORT = 100;
    private final long minSupport;
    /** The fewest questions in a window for the unanswered rate to be judged. */
    static final long UNANSWERED_MIN_QUESTIONS = 20;

    private MetricWatch(Map<AlertMetric, Detector> detectors, Severity minSeverity, long minSupport) {
        this.detectors = detectors;
        this.minSeverity = minSeverity;
        this.minSupport = minSupport;
    }

    /**
     * @param settings    {@code detect.*} config keys without the prefix (fire-threshold=4.5, warmup=60, seasonality=none, ...)
     * @param interval    time between two windows of one key (the window advance)
     * @param minSeverity alerts below this severity are tracked but not announced
     */
    public static MetricWatch of(Map<String, String> settings, long interval, Severity minSeverity) {
        // a touchpoint rate must move by 5 points to page anyone: 2 errors in 80 requests against a clean baseline is
        // statistically surprising and operationally nothing
        // hopping windows share most of their data, so neighbouring windows are not independent evidence: one more
        // window to fire, two more to resolve, and a higher bar for the accumulated-shift test than for raw series
        DetectorConfig.Builder base = DetectorConfig.builder().interval(Duration.ofMillis(interval)).minRateEffect(0.05)
                .fireWindows(3).resolveWindows(5).shiftThreshold(15).relearnAfter(240);
        settings.forEach((k, v) -> {
            try {
                knob(k).accept(base, v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config detect." + k + "='" + v + "' is not a number");
            }
        });
        DetectorConfig common = base.build();
        Map<AlertMetric, Detector> detectors = new EnumMap<>(AlertMetric.class);
        for (AlertMetric m : AlertMetric.values()) {
            detectors.put(m, new Detector(forMetric(common.toBuilder(), m, settings).build()));
        }
        return new MetricWatch(detectors, minSeverity, Math.max(common.minTrials(), MIN_LEVEL_SUPPORT));
    }

    /**
     * Per-metric defaults on top of the common settings (explicit {@code detect.*} settings win): the bad
     * direction; latency p95 comes from log buckets about 5% wide, so it is only news when it moves by
     * a quarter; event volume only when it moves by half (a busy lunch hour is not an incident).
     */
    private static DetectorConfig.Builder forMetric(DetectorConfig.Builder b, AlertMetric m, Map<String, String> explicit) {
        b.direction(switch (m.bad()) {
            case UP -> Direction.UP;
            case DOWN -> Direction.DOWN;
            case BOTH -> Direction.BOTH;
        });
        if (m == AlertMetric.LATENCY_P95 && !explicit.containsKey("min-relative-effect")) {
            b.minRelativeEffect(0.25).minRelativeScale(0.05);
        }
        if (m == AlertMetric.EVENTS && !explicit.containsKey("min-relative-effect")) {
            b.minRelativeEffect(0.5);
        }
        if (m == AlertMetric.UNANSWERED_RATE) {
            // questions are a small share of the traffic: judge a window only on 20 questions or more, and only
            // a 10-point rise is worth a page (a greeter who cannot answer 1 in 10 more customers)
            if (!explicit.containsKey("min-trials")) {
                b.minTrials(UNANSWERED_MIN_QUESTIONS);
            }
            if (!explicit.containsKey("min-rate-effect")) {
                b.minRateEffect(0.10);
            }
        }
        return b;
    }

    /** The new state to store, and the alert decision if this window changed the alert. */
    public record Outcome(byte[] state, AlertComposer.Decision decision) {
    }

    public Outcome observe(byte[] stored, AlertMetric metric, long windowEnd, AlertMetric.Reading r) {
        Detector detector = detectors.get(metric);
        if (metric.kind() == AlertMetric.Kind.LEVEL && r.trials() < minSupport) {
            // a p95 of a handful of requests says nothing: not even the baseline learns from it
            return new Outcome(stored != null ? stored : new Track(detector.newState()).encode(), null);
        }
        Track t = stored == null ? new Track(detector.newState()) : Track.decode(stored);
        Verdict v = switch (metric.kind()) {
            case RATE -> detector.observeRate(t.state, windowEnd, r.hits(), r.trials());
            case COUNT -> detector.observeCount(t.state, windowEnd, r.hits());
            case LEVEL -> detector.observe(t.state, windowEnd, r.value());
        };
        AlertComposer.Decision decision = t.decision(v, windowEnd, minSeverity);
        return new Outcome(t.encode(), decision);
    }

    /**
     * What a key remembers besides the detector state: when its anomaly started, and whether and at
     * which severity it was announced. Alerts are announced from {@code alert.min-severity} up and
     * re-announced only when they get worse, so a wobbling severity does not page people again.
     */
    static final class Track {
        final State state;
        long startsAt = Long.MIN_VALUE;
        Severity announced;

        Track(State state) {
            this.state = state;
        }

        static Track decode(byte[] bytes) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            if (buf.get() != VERSION) {
                throw new IllegalStateException("alert track written by another version");
            }
            long startsAt = buf.getLong();
            int sev = buf.get();
            byte[] rest = new byte[buf.remaining()];
            buf.get(rest);
            Track t = new Track(State.decode(rest));
            t.startsAt = startsAt;
            t.announced = sev < 0 ? null : Severity.values()[sev];
            return t;
        }

        byte[] encode() {
            byte[] s = state.encode();
            return ByteBuffer.allocate(1 + 8 + 1 + s.length).put(VERSION).putLong(startsAt)
                    .put((byte) (announced == null ? -1 : announced.ordinal())).put(s).array();
        }

        AlertComposer.Decision decision(Verdict v, long windowEnd, Severity minSeverity) {
            if (v.transition() == Transition.FIRED) {
                startsAt = windowEnd;
                announced = null;
            }
            if (v.transition() == Transition.RESOLVED) {
                Severity was = announced;
                announced = null;
                long began = startsAt;
                startsAt = Long.MIN_VALUE;
                return was == null || began == Long.MIN_VALUE ? null
                        : decision(AlertStatus.RESOLVED, was, v, began);
            }
            if (!v.firing() || startsAt == Long.MIN_VALUE || v.severity() == null) {
                return null;
            }
            Severity now = Severity.valueOf(v.severity().name());
            if (now.compareTo(minSeverity) < 0 || (announced != null && now.compareTo(announced) <= 0)) {
                return null;
            }
            announced = now;
            return decision(AlertStatus.FIRING, now, v, startsAt);
        }

        private static AlertComposer.Decision decision(AlertStatus status, Severity sev, Verdict v, long startsAt) {
            return new AlertComposer.Decision(status, sev, v.movedUp(), v.observed(), v.expected(), v.anomalyScore(),
                    Instant.ofEpochMilli(startsAt));
        }
    }

    /** The {@code detect.*} keys a deployment may set; anything else is a typo and fails at start-up. */
    private static BiConsumer<DetectorConfig.Builder, String> knob(String key) {
        return switch (key) {
            case "seasonality" -> (b, v) -> b.seasonality(Seasonality.parse(v));
            case "warmup" -> (b, v) -> b.warmup(Integer.parseInt(v));
            case "fire-threshold" -> (b, v) -> b.fireThreshold(Double.parseDouble(v));
            case "fire-windows" -> (b, v) -> b.fireWindows(Integer.parseInt(v));
            case "immediate-threshold" -> (b, v) -> b.immediateThreshold(Double.parseDouble(v));
            case "resolve-threshold" -> (b, v) -> b.resolveThreshold(Double.parseDouble(v));
            case "resolve-windows" -> (b, v) -> b.resolveWindows(Integer.parseInt(v));
            case "warning-threshold" -> (b, v) -> b.warningThreshold(Double.parseDouble(v));
            case "critical-threshold" -> (b, v) -> b.criticalThreshold(Double.parseDouble(v));
            case "baseline-half-life" -> (b, v) -> b.baselineHalfLife(Double.parseDouble(v));
            case "min-trials" -> (b, v) -> b.minTrials(Long.parseLong(v));
            case "min-rate-effect" -> (b, v) -> b.minRateEffect(Double.parseDouble(v));
            case "min-relative-rate-effect" -> (b, v) -> b.minRelativeRateEffect(Double.parseDouble(v));
            case "min-volume" -> (b, v) -> b.minVolume(Double.parseDouble(v));
            case "min-relative-effect" -> (b, v) -> b.minRelativeEffect(Double.parseDouble(v));
            case "shift-threshold" -> (b, v) -> b.shiftThreshold(Double.parseDouble(v));
            case "relearn-after" -> (b, v) -> b.relearnAfter(Integer.parseInt(v));
            case "silence-windows" -> (b, v) -> b.silenceWindows(Double.parseDouble(v));
            default -> throw new IllegalArgumentException("unknown detector setting detect." + key);
        };
    }
}
