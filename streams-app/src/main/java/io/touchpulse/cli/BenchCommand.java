package io.touchpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.touchpulse.bench.AlertBenchSettings;
import io.touchpulse.bench.BenchRunner;
import io.touchpulse.bench.BenchSettings;
import io.touchpulse.bench.BenchSink;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.ConfigSources;
import io.touchpulse.config.Durations;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Throughput of the full pipeline against a bare Kafka Streams windowed count and a raw consumer, same input, same run;
 * then alert latency from window close to a local webhook.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark on an embedded broker: generates the events once, then measures a raw consumer, a bare Kafka Streams "
                + "windowed count (same guarantee and settings) and the full pipeline; then alert latency (window close to webhook "
                + "delivery at a local receiver) with the simulator running live with incidents. JSON on stdout, logs on stderr.",
                "Takes a few minutes with the defaults; runs of fewer than ~1M events mislead."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "2000000", description = "Events in the measured round (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--warmup", defaultValue = "300000", description = "Events of a separate warm-up round (own topics and apps, not timed) run first; 0 = none (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Kafka Streams stream threads, both apps (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--customers", defaultValue = "50000", description = "Simulated customers with a profile (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once, both apps (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--baseline-store", defaultValue = "memory", description = "Window store of the baseline: memory (like the pipeline's stores) or rocksdb (default: ${DEFAULT-VALUE}).")
    String baselineStore;

    @Option(names = "--no-alerts", description = "Skip the alert latency phase (alert_latency_* are then null).")
    boolean noAlerts;

    @Option(names = "--alert-speed", defaultValue = "60", description = "Alert phase: simulated time runs this many times faster than real time while live (default: ${DEFAULT-VALUE}).")
    double alertSpeed;

    @Option(names = "--alert-live", paramLabel = "DURATION", defaultValue = "100m",
            description = "Alert phase: simulated length of the live stretch after an hour of history; wall time = this / --alert-speed (default: ${DEFAULT-VALUE}).")
    String alertLive;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Port of the embedded broker, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override an app setting for both apps, e.g. --set commit.interval=1s. Repeatable. TOUCHPULSE_* env is ignored here so runs compare.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the JSON to this file.")
    Path output;

    @Override
    public Integer call() throws Exception {
        AlertBenchSettings alerts = noAlerts ? AlertBenchSettings.skipped() : new AlertBenchSettings(true, alertSpeed,
                Durations.parse(alertLive), AlertBenchSettings.DEFAULT_EVENTS_PER_S, AlertBenchSettings.DEFAULT_CUSTOMERS);
        BenchSettings settings = new BenchSettings(events, warmup, partitions, threads, seed, customers, guarantee, baselineStore, alerts);
        Path stateRoot = Files.createTempDirectory("touchpulse-bench-state");
        Map<String, Object> result;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaPort, null)) {
            String bootstrap = broker.bootstrapServers();
            BenchRunner runner = new BenchRunner(settings, bench -> config(bootstrap, bench),
                    topics -> new KafkaBenchSink(config(bootstrap, Map.of()), topics), stateRoot);
            result = runner.run();
        } finally {
            DemoCommand.deleteQuietly(stateRoot);
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        System.out.println(json);
        if (output != null) {
            Files.writeString(output, json + System.lineSeparator());
        }
        return 0;
    }

    /** defaults &lt; --set &lt; what the bench itself must control. */
    private TouchpulseConfig config(String bootstrap, Map<String, String> bench) {
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        flags.put("bootstrap.servers", bootstrap);
        flags.putAll(bench);
        return TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), flags));
    }

    /** The CLI's Kafka sink (producer settings of the simulator) behind the bench's interface. */
    private static final class KafkaBenchSink implements BenchSink {
        private final KafkaEventSink sink;

        KafkaBenchSink(TouchpulseConfig c, Topics topics) {
            this.sink = new KafkaEventSink(c.kafkaClientMap(), topics);
        }

        @Override public void profile(String key, CustomerProfile p) { sink.profile(key, p); }
        @Override public void webTraffic(String key, WebTraffic e) { sink.webTraffic(key, e); }
        @Override public void search(String key, SearchEvent e) { sink.search(key, e); }
        @Override public void interaction(String key, Interaction e) { sink.interaction(key, e); }
        @Override public void flush() { sink.flush(); }
        @Override public long failures() { return sink.failures(); }
        @Override public String lastError() { return sink.lastError(); }
        @Override public void close() { sink.close(); }
    }
}
