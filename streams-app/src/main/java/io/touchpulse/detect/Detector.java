package io.touchpulse.detect;

/**
 * Streaming degradation detector for one metric: call it once per window per key with that key's
 * {@link State}; it returns a {@link Verdict} and updates the state in place. Stateless itself,
 * thread-safe, cheap: build one per metric (each metric has its own direction and effect sizes) and
 * share it. Three kinds of metric, each with its own test; a state serves one kind only.
 * <ul>
 *   <li>{@link #observe}: a level (latency, mean sentiment): z against a robust, optionally
 *       seasonal baseline;</li>
 *   <li>{@link #observeRate}: hits of trials (dissatisfied of events, 5xx of requests): a
 *       binomial score test, so 3 of 10 and 3000 of 10000 are judged by their volume;</li>
 *   <li>{@link #observeCount}: a volume (events per window): z with a Poisson floor under the
 *       noise, drops only where enough volume is expected, and silence via {@link #tick}.</li>
 * </ul>
 */
public final class Detector {
    private static final double CLIP_Z = 3;

    private final DetectorConfig config;
    private final Baselines baselines;

    public Detector(DetectorConfig config) {
        this.config = config;
        this.baselines = new Baselines(config);
    }

    public DetectorConfig config() {
        return config;
    }

    /** A fresh state for a new key. */
    public State newState() {
        return new State();
    }

    /** One window of a level metric, e.g. p95 latency in ms or mean sentiment. */
    public Verdict observe(State s, long ts, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, not " + value);
        }
        begin(s, State.LEVEL, ts);
        return judgeLevel(s, ts, value, Cause.POINT);
    }

    /** One window of a volume metric: the number of events in the window. */
    public Verdict observeCount(State s, long ts, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, not " + count);
        }
        begin(s, State.COUNT, ts);
        return judgeLevel(s, ts, count, Cause.COUNT);
    }

    /** One window of a rate metric: {@code hits} of {@code trials} (e.g. dissatisfied of events). */
    public Verdict observeRate(State s, long ts, long hits, long trials) {
        if (hits < 0 || trials < 0 || hits > trials) {
            throw new IllegalArgumentException("need 0 <= hits <= trials, not " + hits + " of " + trials);
        }
        begin(s, State.RATE, ts);
        RateModel r = s.rate;
        double alpha = Stats.alpha(config.baselineHalfLife());
        if (!r.started()) {
            r.learn(hits, trials, Double.NaN, 0, CLIP_Z, alpha, 0);
            double p = trials == 0 ? Double.NaN : (double) hits / trials;
            return new Verdict(ts, p, p, 0, 0, s.alarm.firing, Transition.NONE, s.alarm.severity, s.alarm.cause, false, trials >= config.minTrials());
        }
        double p0 = r.rate(alpha);
        boolean tested = trials > 0 && trials >= config.minTrials();
        double p = trials == 0 ? Double.NaN : (double) hits / trials;
        double z = tested ? r.z(hits, trials, p0) : 0;
        double effect = tested ? Math.abs(p - p0) / Math.max(config.minRateEffect(), config.minRelativeRateEffect() * p0) : 0;
        Surprise.Evidence ev = Surprise.Evidence.NONE;
        Transition t = Transition.NONE;
        if (tested) {
            ev = s.surprise.assess(z, Math.abs(p - p0) / Math.max(Math.abs(z), 1e-12), effect, config.direction(), config, Cause.RATE, !s.alarm.firing, warmedUp(s));
            t = step(s, ev);
        }
        if (s.alarm.firing && tested) {
            s.alarm.track(p - p0);
            if (s.alarm.firingWindows >= config.relearnAfter()) {
                r.shiftTo(p0 + s.alarm.shadowMean);
                s.alarm.relearned();
                s.surprise.resetShift();
            }
        } else if (trials > 0) {
            r.learn(hits, trials, p0, z, CLIP_Z, alpha, Stats.alpha(config.varianceHalfLife()));
        }
        return verdict(s, ts, p, p0, z, ev, t, tested);
    }

    /**
     * Time passes without an observation (a punctuator, once per window): reports silence once a
     * warmed-up key has sent nothing for {@code silenceWindows} of its usual intervals, unless it
     * is a key whose usual volume is too low to expect something every window.
     */
    public Verdict tick(State s, long now) {
        if (s.kind == State.UNSET || s.lastTs == Long.MIN_VALUE) {
            return new Verdict(now, Double.NaN, Double.NaN, 0, 0, false, Transition.NONE, null, Cause.NONE, false, false);
        }
        double expected = Double.NaN;
        boolean volume = true;
        if (s.kind == State.COUNT) {
            expected = baselines.predict(s, now).expected();
            volume = expected >= config.minVolume();
        } else if (s.kind == State.RATE) {
            volume = s.rate.meanTrials() >= config.minTrials();
        }
        double silentFor = (now - s.lastTs) / (config.silenceWindows() * baselines.intervalMs(s));
        boolean warmedUp = warmedUp(s);
        Transition t = Transition.NONE;
        double score = 0;
        if (warmedUp && volume && silentFor >= 1) {
            t = s.alarm.silence(s.active);
            score = Stats.score(config.fireThreshold() * silentFor, config.fireThreshold());
        }
        double observed = s.kind == State.COUNT ? 0 : Double.NaN;
        return new Verdict(now, observed, expected, 0, score, s.alarm.firing, t, s.alarm.severity, s.alarm.cause, warmedUp, true);
    }

    private void begin(State s, byte kind, long ts) {
        if (s.kind == State.UNSET) {
            s.kind = kind;
            if (kind == State.RATE) {
                s.rate = new RateModel();
            } else {
                s.models = baselines.newModels();
            }
        } else if (s.kind != kind) {
            throw new IllegalStateException("this state belongs to another kind of metric (" + s.kind + "), not " + kind);
        }
        s.alarm.silent = false;
        baselines.observeTime(s, ts);
        s.observations++;
    }

    private Verdict judgeLevel(State s, long ts, double x, Cause test) {
        Baselines.Prediction p = baselines.predict(s, ts);
        if (!p.started()) {
            baselines.learn(s, p, x, -1);
            return new Verdict(ts, x, x, 0, 0, s.alarm.firing, Transition.NONE, s.alarm.severity, s.alarm.cause, false, true);
        }
        double variance = p.variance();
        if (test == Cause.COUNT) {
            variance = Math.max(Double.isNaN(variance) ? 0 : variance, Math.max(p.expected(), 1)); // Poisson floor
        }
        double residual = x - p.expected();
        double scale = baselines.scale(variance, p.expected());
        if (s.reversion.backToOld(s.active, residual, scale, config)) {
            baselines.revert(s, s.reversion.delta, s.reversion.varBefore);
            s.surprise.resetRecent();
            if (s.alarm.firing) {
                s.alarm.quiet = config.resolveWindows() - 1; // the last windows were quiet under the old baseline
            }
            return judgeLevel(s, ts, x, test);
        }
        double z = residual / scale;
        boolean tested = test != Cause.COUNT || residual >= 0 || p.expected() >= config.minVolume();
        if (!tested) {
            z = 0; // a drop below a handful of expected events says nothing
        }
        double effect = config.minRelativeEffect() <= 0 ? Double.POSITIVE_INFINITY
                : Math.abs(residual) / (config.minRelativeEffect() * Math.max(Math.abs(p.expected()), Baselines.ABSOLUTE_SCALE_FLOOR));
        Surprise.Evidence ev = s.surprise.assess(z, scale, effect, config.direction(), config, test, !s.alarm.firing, warmedUp(s));
        Transition t = step(s, ev);
        if (s.alarm.firing) {
            s.alarm.track(residual);
            if (s.alarm.firingWindows >= config.relearnAfter()) {
                if (s.alarm.frozenModel == s.active) {
                    s.reversion.remember(s.active, s.alarm.shadowMean, s.activeModel().var, config);
                    baselines.relearn(s, s.alarm.shadowMean, s.alarm.shadowVar);
                }
                s.alarm.relearned();
                s.surprise.resetShift();
            }
        }
        if (baselines.learn(s, p, x, s.alarm.firing ? s.alarm.frozenModel : -1)) {
            s.surprise.resetShift(); // the shift evidence was accumulated against another model
        }
        return verdict(s, ts, x, p.expected(), z, ev, t, tested);
    }

    /** The first {@code warmup} windows only teach the baseline. */
    private boolean warmedUp(State s) {
        return s.observations > config.warmup();
    }

    private Transition step(State s, Surprise.Evidence ev) {
        Transition t = s.alarm.step(ev, warmedUp(s), config, s.active, s.reversion.pending());
        if (t == Transition.FIRED || t == Transition.RESOLVED) {
            s.surprise.resetShift();
        }
        return t;
    }

    private Verdict verdict(State s, long ts, double observed, double expected, double z, Surprise.Evidence ev,
                            Transition t, boolean tested) {
        boolean warmedUp = warmedUp(s);
        double score = warmedUp ? Stats.score(ev.strength(), config.fireThreshold()) : 0;
        Cause cause = s.alarm.firing ? s.alarm.cause : ev.cause();
        return new Verdict(ts, observed, expected, z, score, s.alarm.firing, t, s.alarm.severity, cause, warmedUp, tested);
    }
}
