package io.touchpulse.bench;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One bench run against a running broker: an optional warm-up round on its own topics, then the measured round:
 * generate the load once, raw consumer, raw producer, baseline windowed count, full pipeline; then, each on its own
 * topics and unless skipped: the paced live phase ({@link LiveBench}: health-record latency), the sustained phase (the
 * same, long), the alert latency phase ({@link AlertLatencyBench}), the partitions x threads matrix and the state-size
 * points ({@link StateBench}); everything in this JVM.
 */
public final class BenchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);
    static final String WARMUP_PREFIX = "bench-warmup.";
    static final double GOAL_EVENTS_PER_S = 100_000;
    static final double GOAL_RATIO = 0.5;

    private final BenchSettings settings;
    private final Function<Map<String, String>, TouchpulseConfig> configs;
    private final BenchSink.Factory sinks;
    private final Path stateRoot;

    /**
     * @param configs   builds the app config from bench-specific settings (the CLI merges its usual sources underneath)
     * @param stateRoot a fresh directory; each app gets its own state dir below it
     */
    public BenchRunner(BenchSettings settings, Function<Map<String, String>, TouchpulseConfig> configs, BenchSink.Factory sinks, Path stateRoot) {
        this.settings = settings;
        this.configs = configs;
        this.sinks = sinks;
        this.stateRoot = stateRoot;
    }

    /** What one round measured. */
    record Round(EventLoad.Result load, RawConsumeBench.Result raw, RawProduceBench.Result rawProduce, BaselineBench.Result baseline,
                 PipelineBench.Result pipeline, TouchpulseConfig config) {
    }

    /** One combination of the scaling matrix. */
    record ScalingPoint(int partitions, int threads, Round round) {
    }

    /** The phases after the measured round; null where skipped. */
    record Extras(LiveBench.Result live, LiveBench.Result sustained, AlertLatencyBench.Result alerts, List<ScalingPoint> scaling,
                  List<StateBench.Result> state) {
    }

    public Map<String, Object> run() throws InterruptedException {
        long t0 = System.nanoTime();
        Round warm = null;
        if (settings.warmupEvents() > 0) {
            LOG.info("bench: warm-up round, {} events on {}* topics", settings.warmupEvents(), WARMUP_PREFIX);
            warm = round(WARMUP_PREFIX, "warmup", settings.warmupEvents(), settings.partitions(), settings.threads());
        }
        LOG.info("bench: measured round, {} events", settings.events());
        Round r = round(Topics.DEFAULT_PREFIX, "measured", settings.events(), settings.partitions(), settings.threads());
        LiveBench.Result live = settings.live().enabled() ? live("live", settings.live()) : null;
        LiveBench.Result sustained = settings.sustained().enabled() ? live("sustained", settings.sustained()) : null;
        AlertLatencyBench.Result alerts = null;
        if (settings.alerts().enabled()) {
            LOG.info("bench: alert latency phase on {}* topics", AlertLatencyBench.PREFIX);
            alerts = AlertLatencyBench.run(appConfig(base(AlertLatencyBench.PREFIX, settings.partitions(), settings.threads()),
                    "touchpulse-bench-alerts"), sinks, settings.alerts(),
                    settings.seed());
            LOG.info("bench[alerts]: {} of {} alert transitions delivered in {} s", alerts.latencies().matched().size(),
                    alerts.emitted().size(), fmt(alerts.totalSeconds()));
            if (alerts.latencies().matched().isEmpty()) {
                throw new IllegalStateException("alert phase: " + alerts.emitted().size() + " alert transitions on " + AlertLatencyBench.PREFIX
                        + "alerts, " + alerts.posts() + " webhooks received, none matched: no latency to report (see the log)");
            }
        }
        List<ScalingPoint> scaling = settings.scaling().enabled() ? scaling() : null;
        List<StateBench.Result> state = settings.state().enabled() ? state() : null;
        return BenchReport.of(settings, r, warm, new Extras(live, sustained, alerts, scaling, state), (System.nanoTime() - t0) / 1e9);
    }

    private LiveBench.Result live(String name, LiveSettings s) throws InterruptedException {
        String prefix = "bench-" + name + ".";
        LOG.info("bench[{}]: {} for {} on {}* topics", name, s.saturating() ? "saturating" : "paced at " + Math.round(s.rate()) + " events/s",
                s.duration(), prefix);
        LiveBench.Result r = LiveBench.run(appConfig(base(prefix, settings.partitions(), settings.threads()), "touchpulse-bench-" + name),
                sinks, s, settings.seed(), settings.customers());
        LOG.info("bench[{}]: {} events, {} health records measured, drained in {} s", name, r.events(), r.health().size(), fmt(r.drainSeconds()));
        return r;
    }

    private List<ScalingPoint> scaling() throws InterruptedException {
        List<ScalingPoint> out = new ArrayList<>();
        for (int p : settings.scaling().partitions()) {
            for (int t : settings.scaling().threads()) {
                String name = "scale-p" + p + "-t" + t;
                LOG.info("bench[{}]: {} events, {} partitions, {} stream threads", name, settings.scaling().events(), p, t);
                out.add(new ScalingPoint(p, t, round("bench-" + name + ".", name, settings.scaling().events(), p, t)));
            }
        }
        return out;
    }

    private List<StateBench.Result> state() throws InterruptedException {
        List<StateBench.Result> out = new ArrayList<>();
        for (int customers : settings.state().customers()) {
            String name = "state-" + customers;
            long events = (long) customers * settings.state().eventsPerCustomer();
            LOG.info("bench[{}]: {} customers, {} events", name, customers, events);
            StateBench.Result r = StateBench.run(appConfig(base("bench-" + name + ".", settings.partitions(), settings.threads()),
                    "touchpulse-bench-" + name), sinks, settings.seed(), customers, events, Duration.ofSeconds(Math.max(180, events / 2_000)));
            LOG.info("bench[{}]: state dir {} MB, changelogs {} MB, heap +{} MB", name, r.stateDirBytes() >> 20, r.internalBytes() >> 20,
                    r.heapDeltaBytes() >> 20);
            out.add(r);
        }
        return out;
    }

    /** Settings every app of a bench run shares; each phase adds its own application.id and state.dir. */
    private Map<String, String> base(String prefix, int partitions, int threads) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("topic.prefix", prefix);
        base.put("topic.partitions", Integer.toString(partitions));
        base.put("stream.threads", Integer.toString(threads));
        base.put("processing.guarantee", settings.guarantee());
        // the load starts at 00:00 UTC two days ago; the default 30d would do, but say it explicitly
        base.put("validation.max-age", "7d");
        return base;
    }

    private Round round(String prefix, String name, long events, int partitions, int threads) throws InterruptedException {
        Map<String, String> base = base(prefix, partitions, threads);
        TouchpulseConfig config = configs.apply(base);
        Topics topics = Topics.withPrefix(prefix);
        PipelineRuntime.ensureTopics(config, topics);

        EventLoad.Result load;
        try (BenchSink sink = sinks.open(topics)) {
            load = EventLoad.write(settings.seed(), settings.customers(), events, sink);
        }
        LOG.info("bench[{}]: produced {} events ({} profiles) in {} s: {} events/s, simulated {} .. {}", name, load.events(),
                load.profiles(), fmt(load.seconds()), Math.round(load.eventsPerSecond()), load.firstEventTime(), load.simulatedEnd());
        Duration timeout = Duration.ofSeconds(Math.max(180, events / 2_000));

        RawConsumeBench.Result raw = RawConsumeBench.run(config.bootstrapServers(), topics.eventInputs(), load.events(), timeout);
        LOG.info("bench[{}]: raw consumer {} events/s", name, Math.round(raw.eventsPerSecond()));

        RawProduceBench.Result rawProduce = RawProduceBench.run(sinks.producerConfig(), config.bootstrapServers(), topics.eventInputs(),
                prefix + "bench-raw-produce", partitions, load.events());
        LOG.info("bench[{}]: raw producer {} events/s", name, Math.round(rawProduce.eventsPerSecond()));

        BaselineBench.Result baseline = BaselineBench.run(appConfig(base, "touchpulse-bench-baseline-" + name),
                settings.baselineStore().equals("memory"), timeout);
        LOG.info("bench[{}]: baseline {} events/s (start-up {} s)", name, Math.round(baseline.timing().eventsPerSecond()),
                fmt(baseline.timing().startupSeconds()));

        PipelineBench.Result pipeline = PipelineBench.run(appConfig(base, "touchpulse-bench-pipeline-" + name), timeout);
        LOG.info("bench[{}]: pipeline {} events/s (start-up {} s)", name, Math.round(pipeline.timing().eventsPerSecond()),
                fmt(pipeline.timing().startupSeconds()));
        return new Round(load, raw, rawProduce, baseline, pipeline, config);
    }

    private TouchpulseConfig appConfig(Map<String, String> base, String applicationId) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put("application.id", applicationId);
        m.put("state.dir", stateRoot.resolve(applicationId).toString());
        return configs.apply(m);
    }

    static String fmt(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.1f", seconds);
    }
}
