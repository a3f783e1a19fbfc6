package io.touchpulse.bench;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One bench run against a running broker: an optional warm-up round on its own topics, then the measured round:
 * generate the load once, raw consumer, baseline windowed count, full pipeline; then (unless skipped) the alert
 * latency phase on its own topics ({@link AlertLatencyBench}); everything in this JVM.
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
    record Round(EventLoad.Result load, RawConsumeBench.Result raw, BaselineBench.Result baseline, PipelineBench.Result pipeline, TouchpulseConfig config) {
    }

    public Map<String, Object> run() throws InterruptedException {
        long t0 = System.nanoTime();
        Round warm = null;
        if (settings.warmupEvents() > 0) {
            LOG.info("bench: warm-up round, {} events on {}* topics", settings.warmupEvents(), WARMUP_PREFIX);
            warm = round(WARMUP_PREFIX, "warmup", settings.warmupEvents());
        }
        LOG.info("bench: measured round, {} events", settings.events());
        Round r = round(Topics.DEFAULT_PREFIX, "measured", settings.events());
        AlertLatencyBench.Result alerts = null;
        if (settings.alerts().enabled()) {
            LOG.info("bench: alert latency phase on {}* topics", AlertLatencyBench.PREFIX);
            alerts = AlertLatencyBench.run(appConfig(base(AlertLatencyBench.PREFIX), "touchpulse-bench-alerts"), sinks, settings.alerts(),
                    settings.seed());
            LOG.info("bench[alerts]: {} of {} alert transitions delivered in {} s", alerts.latencies().matched().size(),
                    alerts.emitted().size(), fmt(alerts.totalSeconds()));
            if (alerts.latencies().matched().isEmpty()) {
                throw new IllegalStateException("alert phase: " + alerts.emitted().size() + " alert transitions on " + AlertLatencyBench.PREFIX
                        + "alerts, " + alerts.posts() + " webhooks received, none matched: no latency to report (see the log)");
            }
        }
        return BenchReport.of(settings, r, warm, alerts, (System.nanoTime() - t0) / 1e9);
    }

    /** Settings every app of a bench run shares; each phase adds its own application.id and state.dir. */
    private Map<String, String> base(String prefix) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("topic.prefix", prefix);
        base.put("topic.partitions", Integer.toString(settings.partitions()));
        base.put("stream.threads", Integer.toString(settings.threads()));
        base.put("processing.guarantee", settings.guarantee());
        // the load starts at 00:00 UTC two days ago; the default 30d would do, but say it explicitly
        base.put("validation.max-age", "7d");
        return base;
    }

    private Round round(String prefix, String name, long events) throws InterruptedException {
        Map<String, String> base = base(prefix);
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

        BaselineBench.Result baseline = BaselineBench.run(appConfig(base, "touchpulse-bench-baseline-" + name),
                settings.baselineStore().equals("memory"), timeout);
        LOG.info("bench[{}]: baseline {} events/s (start-up {} s)", name, Math.round(baseline.timing().eventsPerSecond()),
                fmt(baseline.timing().startupSeconds()));

        PipelineBench.Result pipeline = PipelineBench.run(appConfig(base, "touchpulse-bench-pipeline-" + name), timeout);
        LOG.info("bench[{}]: pipeline {} events/s (start-up {} s)", name, Math.round(pipeline.timing().eventsPerSecond()),
                fmt(pipeline.timing().startupSeconds()));
        return new Round(load, raw, baseline, pipeline, config);
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
