package io.touchpulse.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled synthetic series for the detector evaluation: one generator per kind of anomaly (and
 * quiet kinds without any), seeded, so a run is reproducible and a change to the detector shows
 * up as a change in the table. Anomalies are placed at random after the warm-up; each comes with
 * a labelled window [start, end] (inclusive) in which an alert counts as a detection.
 */
record SyntheticSeries(Kind kind, long seed, long intervalMs, Metric metric, long[] ts, double[] values,
                       long[] hits, long[] trials, boolean[] missing, List<int[]> windows) {

    enum Metric { LEVEL, COUNT, RATE }

    enum Kind {
        SPIKES(Metric.LEVEL, false), LEVEL_SHIFT_UP(Metric.LEVEL, false), LEVEL_SHIFT_DOWN(Metric.LEVEL, false),
        DRIFT(Metric.LEVEL, false), VARIANCE_CHANGE(Metric.LEVEL, false), DAILY_WITH_ANOMALY(Metric.LEVEL, true),
        FLAT_WITH_STEP(Metric.LEVEL, false), LONG_OUTAGE(Metric.LEVEL, false),
        QUIET_NOISE(Metric.LEVEL, false), QUIET_HEAVY_TAILS(Metric.LEVEL, false), QUIET_AUTOCORRELATED(Metric.LEVEL, false), QUIET_DAILY(Metric.LEVEL, true),
        QUIET_FLAT(Metric.LEVEL, false),
        COUNT_DROP(Metric.COUNT, true), COUNT_SILENCE(Metric.COUNT, true), QUIET_COUNTS(Metric.COUNT, true),
        RATE_RISE(Metric.RATE, false), QUIET_RATE_HIGH_VOLUME(Metric.RATE, false), QUIET_RATE_LOW_VOLUME(Metric.RATE, false);

        final Metric metric;
        final boolean daily;

        Kind(Metric metric, boolean daily) {
            this.metric = metric;
            this.daily = daily;
        }

        boolean quiet() {
            return name().startsWith("QUIET");
        }
    }

    static final long MINUTE = 60_000;
    static final long START = 1_700_006_400_000L; // 2023-11-15T00:00:00Z, a midnight

    static SyntheticSeries generate(Kind kind, long seed) {
        return new Builder(kind, seed).build();
    }

    /** Builds one series: noise and pattern first, then the anomalies on top. */
    private static final class Builder {
        final Kind kind;
        final long seed;
        final SplittableRandom rnd;
        final int n;
        final long interval;
        final double[] v;
        final long[] hits;
        final long[] trials;
        final boolean[] missing;
        final List<int[]> windows = new ArrayList<>();

        Builder(Kind kind, long seed) {
            this.kind = kind;
            this.seed = seed;
            this.rnd = new SplittableRandom(seed * 7919 + kind.name().hashCode()); // by name: a new kind changes no other
            this.interval = kind.daily ? 5 * MINUTE : MINUTE;
            this.n = kind.daily ? 288 * 8 : 800;
            this.v = new double[n];
            this.hits = new long[n];
            this.trials = new long[n];
            this.missing = new boolean[n];
        }

        SyntheticSeries build() {
            switch (kind.metric) {
                case LEVEL -> level();
                case COUNT -> counts();
                case RATE -> rates();
            }
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = START + i * interval;
            }
            return new SyntheticSeries(kind, seed, interval, kind.metric, ts, v, hits, trials, missing, windows);
        }

        /** Start of an anomaly: after the warm-up (a day and a half for daily series), room left after it. */
        int start(int room) {
            int from = kind.daily ? 288 * 3 : 150;
            return from + rnd.nextInt(n - room - from);
        }

        double gauss() {
            return rnd.nextGaussian();
        }

        double daily(int i, double amplitude) {
            double hour = (i * interval / 3_600_000.0) % 24;
            return amplitude * Math.sin(2 * Math.PI * (hour - 9) / 24) + 0.4 * amplitude * Math.sin(4 * Math.PI * hour / 24);
        }

        void level() {
            double mean = 50 + rnd.nextDouble() * 200;
            double sd = mean * (0.01 + rnd.nextDouble() * 0.05);
            double ar = 0;
            for (int i = 0; i < n; i++) {
                ar = 0.7 * ar + Math.sqrt(1 - 0.49) * gauss();
                double noise = switch (kind) {
                    case QUIET_HEAVY_TAILS -> sd * studentT(4);
                    case QUIET_AUTOCORRELATED -> sd * ar;
                    case QUIET_FLAT, FLAT_WITH_STEP -> 0;
                    default -> sd * gauss();
                };
                v[i] = mean + noise + (kind.daily ? daily(i, 8 * sd) : 0);
            }
            switch (kind) {
                case SPIKES -> {
                    int[] at = spread(3, 60);
                    for (int i : at) {
                        v[i] += (rnd.nextBoolean() ? 1 : -1) * (6 + rnd.nextDouble() * 6) * sd;
                        windows.add(new int[] {i, i + 2});
                    }
                }
                case LEVEL_SHIFT_UP, LEVEL_SHIFT_DOWN -> {
                    int s = start(100);
                    double shift = (kind == Kind.LEVEL_SHIFT_UP ? 1 : -1) * (2.5 + rnd.nextDouble() * 4.5) * sd;
                    for (int i = s; i < n; i++) {
                        v[i] += shift;
                    }
                    windows.add(new int[] {s, s + 40});
                }
                case DRIFT -> {
                    int s = start(250);
                    double slope = (rnd.nextBoolean() ? 1 : -1) * (6 + rnd.nextDouble() * 4) * sd / 100;
                    for (int i = s; i < n; i++) {
                        v[i] += slope * Math.min(i - s, 100);
                    }
                    windows.add(new int[] {s, s + 150});
                }
                case VARIANCE_CHANGE -> {
                    int s = start(100);
                    for (int i = s; i < s + 60; i++) {
                        v[i] += 4 * sd * gauss();
                    }
                    windows.add(new int[] {s, s + 60});
                }
                case DAILY_WITH_ANOMALY -> {
                    int s = start(60);
                    double bump = (rnd.nextBoolean() ? 1 : -1) * (3 + rnd.nextDouble() * 4) * sd;
                    for (int i = s; i < s + 24; i++) {
                        v[i] += bump;
                    }
                    windows.add(new int[] {s, s + 30});
                }
                case LONG_OUTAGE -> { // outlasts relearnAfter (120), then the old level returns: that is no new anomaly
                    int s = start(400);
                    int length = 200 + rnd.nextInt(100);
                    double shift = (rnd.nextBoolean() ? 1 : -1) * (4 + rnd.nextDouble() * 4) * sd;
                    for (int i = s; i < s + length; i++) {
                        v[i] += shift;
                    }
                    windows.add(new int[] {s, s + 40});
                }
                case FLAT_WITH_STEP -> {
                    int s = start(100);
                    for (int i = s; i < n; i++) {
                        v[i] += mean * 0.05;
                    }
                    windows.add(new int[] {s, s + 40});
                }
                default -> { }
            }
        }

        void counts() {
            double base = 30 + rnd.nextDouble() * 170;
            for (int i = 0; i < n; i++) {
                double lambda = Math.max(1, base * (1 + 0.6 * Math.sin(2 * Math.PI * ((i * interval / 3_600_000.0) % 24 - 9) / 24)));
                v[i] = poisson(lambda);
            }
            if (kind == Kind.COUNT_DROP) {
                int s = startAtBusyHour(40);
                for (int i = s; i < s + 12; i++) {
                    v[i] = poisson(v[i] * 0.4);
                }
                windows.add(new int[] {s, s + 15});
            } else if (kind == Kind.COUNT_SILENCE) {
                int s = startAtBusyHour(60);
                for (int i = s; i < s + 30; i++) {
                    missing[i] = true;
                }
                windows.add(new int[] {s, s + 30});
            }
        }

        /** An anomaly start at a time of day when the series is busy (drops at night are not news). */
        int startAtBusyHour(int room) {
            int s;
            do {
                s = start(room);
            } while (((s * interval / 3_600_000) % 24) < 8 || ((s * interval / 3_600_000) % 24) > 19);
            return s;
        }

        void rates() {
            double p = 0.02 + rnd.nextDouble() * 0.08;
            for (int i = 0; i < n; i++) {
                long volume = switch (kind) {
                    case QUIET_RATE_HIGH_VOLUME -> 20_000 + rnd.nextInt(60_000);
                    case QUIET_RATE_LOW_VOLUME -> 1 + rnd.nextInt(25);
                    default -> Math.max(1, Math.round(Math.exp(Math.log(20) + rnd.nextDouble() * Math.log(200))));
                };
                // the window's true rate wobbles a little (customers are not coin flips): overdispersion
                double pi = Math.min(0.9, Math.max(0, p * (1 + 0.1 * gauss())));
                trials[i] = volume;
                hits[i] = binomial(volume, pi);
            }
            if (kind == Kind.RATE_RISE) {
                int s = start(40);
                for (int i = s; i < s + 15; i++) {
                    hits[i] = binomial(trials[i], Math.min(0.9, p * 2 + 0.01));
                }
                windows.add(new int[] {s, s + 15});
            }
        }

        int[] spread(int count, int room) {
            int[] at = new int[count];
            int segment = (n - 150) / count;
            for (int k = 0; k < count; k++) {
                at[k] = 150 + k * segment + rnd.nextInt(segment - room);
            }
            return at;
        }

        double studentT(int df) {
            double chi = 0;
            for (int k = 0; k < df; k++) {
                double g = gauss();
                chi += g * g;
            }
            return gauss() / Math.sqrt(chi / df) * Math.sqrt((df - 2.0) / df);
        }

        long poisson(double lambda) {
            if (lambda > 50) {
                return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss()));
            }
            double l = Math.exp(-lambda);
            long k = 0;
            double prod = rnd.nextDouble();
            while (prod > l) {
                k++;
                prod *= rnd.nextDouble();
            }
            return k;
        }

        long binomial(long trials, double p) {
            if (trials > 200) {
                double mean = trials * p;
                return Math.max(0, Math.min(trials, Math.round(mean + Math.sqrt(mean * (1 - p)) * gauss())));
            }
            long k = 0;
            for (long t = 0; t < trials; t++) {
                if (rnd.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }
    }
}
