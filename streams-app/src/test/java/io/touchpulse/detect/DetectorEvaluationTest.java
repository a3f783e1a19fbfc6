package io.touchpulse.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the detector over {@value #SEEDS} seeded series of every {@link SyntheticSeries.Kind} and
 * reports, per kind and overall, event-based precision (alert events — runs of firing windows —
 * that overlap a labelled window), recall (labelled windows with an alert inside) and the mean
 * detection delay in windows; then holds the numbers to floors set a little under what was
 * measured, so a regression fails the build. The state is round-tripped through encode/decode
 * every few windows, as the topology's state store does.
 */
class DetectorEvaluationTest {
    static final int SEEDS = 50;

    /** Counts of one kind. */
    static final class Tally {
        int series;
        int windows;
        int detected;
        long delay;
        int events;
        int truePositiveEvents;
        long points;

        double recall() {
            return windows == 0 ? Double.NaN : (double) detected / windows;
        }

        double precision() {
            return events == 0 ? Double.NaN : (double) truePositiveEvents / events;
        }

        int falseEvents() {
            return events - truePositiveEvents;
        }

        double meanDelay() {
            return detected == 0 ? Double.NaN : (double) delay / detected;
        }

        void add(Tally t) {
            series += t.series;
            windows += t.windows;
            detected += t.detected;
            delay += t.delay;
            events += t.events;
            truePositiveEvents += t.truePositiveEvents;
            points += t.points;
        }
    }

    static DetectorConfig configFor(SyntheticSeries s) {
        DetectorConfig.Builder b = DetectorConfig.builder().interval(Duration.ofMillis(s.intervalMs()));
        if (s.kind().daily) {
            b.warmup(288).relearnAfter(144); // a day to learn the daily profile, as the CLI does at 5 minutes
        }
        if (s.metric() == SyntheticSeries.Metric.RATE) {
            b.direction(Direction.UP); // a dissatisfaction rate matters when it rises
        }
        return b.build();
    }

    static boolean[] alerts(SyntheticSeries s) {
        Detector d = new Detector(configFor(s));
        State state = d.newState();
        boolean[] firing = new boolean[s.ts().length];
        for (int i = 0; i < firing.length; i++) {
            Verdict v;
            if (s.missing()[i]) {
                v = d.tick(state, s.ts()[i]);
            } else {
                v = switch (s.metric()) {
                    case LEVEL -> d.observe(state, s.ts()[i], s.values()[i]);
                    case COUNT -> d.observeCount(state, s.ts()[i], (long) s.values()[i]);
                    case RATE -> d.observeRate(state, s.ts()[i], s.hits()[i], s.trials()[i]);
                };
            }
            assertThat(v.anomalyScore()).isBetween(0.0, 1.0);
            firing[i] = v.firing();
            if (i % 97 == 0) {
                state = State.decode(state.encode());
            }
        }
        return firing;
    }

    static Tally score(SyntheticSeries s, boolean[] alert) {
        Tally t = new Tally();
        t.series = 1;
        t.points = alert.length;
        for (int[] w : s.windows()) {
            t.windows++;
            for (int i = w[0]; i <= Math.min(w[1], alert.length - 1); i++) {
                if (alert[i]) {
                    t.detected++;
                    t.delay += i - w[0];
                    break;
                }
            }
        }
        for (int i = 0; i < alert.length; i++) {
            if (alert[i] && (i == 0 || !alert[i - 1])) {
                int end = i;
                while (end + 1 < alert.length && alert[end + 1]) {
                    end++;
                }
                t.events++;
                for (int[] w : s.windows()) {
                    if (i <= w[1] && end >= w[0]) {
                        t.truePositiveEvents++;
                        break;
                    }
                }
            }
        }
        return t;
    }

    static Map<SyntheticSeries.Kind, Tally> evaluate() {
        Map<SyntheticSeries.Kind, Tally> byKind = new EnumMap<>(SyntheticSeries.Kind.class);
        for (SyntheticSeries.Kind kind : SyntheticSeries.Kind.values()) {
            Tally tally = new Tally();
            for (long seed = 1; seed <= SEEDS; seed++) {
                SyntheticSeries s = SyntheticSeries.generate(kind, seed);
                tally.add(score(s, alerts(s)));
            }
            byKind.put(kind, tally);
        }
        return byKind;
    }

    static String table(Map<SyntheticSeries.Kind, Tally> byKind) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %6s %7s %8s %6s %7s %9s %9s %9s%n",
                "kind", "series", "windows", "detected", "recall", "FP evts", "precision", "delay", "FP/1k pts"));
        Tally all = new Tally();
        for (var e : byKind.entrySet()) {
            sb.append(row(e.getKey().name(), e.getValue()));
            all.add(e.getValue());
        }
        sb.append(row("OVERALL", all));
        return sb.toString();
    }

    private static String row(String name, Tally t) {
        return String.format(Locale.ROOT, "%-24s %6d %7d %8d %6s %7d %9s %9s %9.2f%n", name, t.series, t.windows, t.detected,
                fmt(t.recall()), t.falseEvents(), fmt(t.precision()), fmt(t.meanDelay()), 1000.0 * t.falseEvents() / t.points);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    @Test
    void syntheticSeriesMeetTheFloors() {
        Map<SyntheticSeries.Kind, Tally> byKind = evaluate();
        System.out.println("Detector on " + SEEDS + " seeded series per kind (event-based precision, recall, mean delay in windows):");
        System.out.print(table(byKind));
        Tally all = new Tally();
        byKind.values().forEach(all::add);
        // floors a little under the measured values (see the table in the README)
        assertThat(all.recall()).as("overall recall").isGreaterThanOrEqualTo(0.94);
        assertThat(all.precision()).as("overall precision").isGreaterThanOrEqualTo(0.94);
        assertThat(all.meanDelay()).as("overall mean delay").isLessThanOrEqualTo(7);
        for (var e : FLOORS.entrySet()) {
            Tally t = byKind.get(e.getKey());
            Floor f = e.getValue();
            String kind = e.getKey().name();
            if (t.windows > 0) {
                assertThat(t.recall()).as(kind + " recall").isGreaterThanOrEqualTo(f.recall());
                assertThat(t.precision()).as(kind + " precision").isGreaterThanOrEqualTo(f.precision());
                assertThat(t.meanDelay()).as(kind + " mean delay").isLessThanOrEqualTo(f.delay());
            }
            assertThat(t.falseEvents()).as(kind + " false alert events").isLessThanOrEqualTo(f.falseEvents());
        }
    }

    /** What each kind must keep doing: minimum recall and precision, maximum mean delay and false alert events (of {@value #SEEDS} series). */
    record Floor(double recall, double precision, double delay, int falseEvents) {
    }

    static final Map<SyntheticSeries.Kind, Floor> FLOORS = new EnumMap<>(Map.ofEntries(
            Map.entry(SyntheticSeries.Kind.SPIKES, new Floor(0.85, 0.95, 0.5, 2)),
            Map.entry(SyntheticSeries.Kind.LEVEL_SHIFT_UP, new Floor(0.95, 0.93, 5, 3)),
            Map.entry(SyntheticSeries.Kind.LEVEL_SHIFT_DOWN, new Floor(0.95, 0.93, 5, 3)),
            Map.entry(SyntheticSeries.Kind.DRIFT, new Floor(0.95, 0.95, 50, 2)),
            Map.entry(SyntheticSeries.Kind.VARIANCE_CHANGE, new Floor(0.95, 0.95, 6, 2)),
            Map.entry(SyntheticSeries.Kind.DAILY_WITH_ANOMALY, new Floor(0.88, 0.95, 6, 2)),
            Map.entry(SyntheticSeries.Kind.FLAT_WITH_STEP, new Floor(0.95, 0.95, 2, 1)),
            Map.entry(SyntheticSeries.Kind.LONG_OUTAGE, new Floor(0.95, 0.93, 3, 3)),
            Map.entry(SyntheticSeries.Kind.QUIET_NOISE, new Floor(0, 0, 0, 2)),
            Map.entry(SyntheticSeries.Kind.QUIET_HEAVY_TAILS, new Floor(0, 0, 0, 22)),
            Map.entry(SyntheticSeries.Kind.QUIET_AUTOCORRELATED, new Floor(0, 0, 0, 8)),
            Map.entry(SyntheticSeries.Kind.QUIET_DAILY, new Floor(0, 0, 0, 2)),
            Map.entry(SyntheticSeries.Kind.QUIET_FLAT, new Floor(0, 0, 0, 0)),
            Map.entry(SyntheticSeries.Kind.COUNT_DROP, new Floor(0.95, 0.95, 2, 2)),
            Map.entry(SyntheticSeries.Kind.COUNT_SILENCE, new Floor(0.95, 0.95, 5, 2)),
            Map.entry(SyntheticSeries.Kind.QUIET_COUNTS, new Floor(0, 0, 0, 2)),
            Map.entry(SyntheticSeries.Kind.RATE_RISE, new Floor(0.95, 0.95, 3, 2)),
            Map.entry(SyntheticSeries.Kind.QUIET_RATE_HIGH_VOLUME, new Floor(0, 0, 0, 2)),
            Map.entry(SyntheticSeries.Kind.QUIET_RATE_LOW_VOLUME, new Floor(0, 0, 0, 3))));

    @Test
    void everyKindHasAFloor() {
        assertThat(FLOORS.keySet()).containsExactlyInAnyOrder(SyntheticSeries.Kind.values());
    }
}
