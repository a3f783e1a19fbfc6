package io.touchpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.touchpulse.bench.AlertBenchSettings;
import io.touchpulse.bench.BenchRunner;
import io.touchpulse.bench.BenchSettings;
import io.touchpulse.bench.BenchSink;
import io.touchpulse.bench.LiveSettings;
import io.touchpulse.bench.ScalingSettings;
import io.touchpulse.bench.StateSettings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Throughput of the full pipeline against a bare Kafka Streams windowed count, a raw consumer and a raw producer, same
 * input, same run; health-record latency under a paced live load; alert latency from window close to a local webhook;
 * optionally a sustained run, a partitions x threads matrix and state size per customer count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark on an embedded broker: generates the events once, then measures a raw consumer, a raw producer, a bare "
                + "Kafka Streams windowed count (same guarantee and settings) and the full pipeline; then health-record latency under a "
                + "paced live load, and alert latency (window close to webhook delivery at a local receiver) with the simulator running "
                + "live with incidents. Optional: --sustained, --scaling, --state-customers; --full runs them all. JSON on stdout, logs on stderr.",
                "About 7 minutes with the defaults, about 15 with --full; runs of fewer than ~1M events mislead."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "2000000", description = "Events in the measured round (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--warmup", description = "Events of a separate warm-up round (own topics and apps, not timed) run first; 0 = none "
            + "(default: as many as --events: on 2 cores the JIT compiler still took a quarter of the machine through a measured round after 300k).")
    Long warmup;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", description = "Kafka Streams stream threads, both apps (default: one per core, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

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

    @Option(names = "--live", paramLabel = "DURATION", defaultValue = "45s",
            description = "Live phase: the pipeline runs while events are produced paced at --live-rate for this wall time; measures health-record latency; 0 = skip (default: ${DEFAULT-VALUE}).")
    String live;

    @Option(names = "--live-rate", defaultValue = "20000", description = "Live phase: input events per second, paced (default: ${DEFAULT-VALUE}).")
    double liveRate;

    @Option(names = "--sustained", paramLabel = "DURATION", description = "Sustained phase of this wall time (e.g. 5m): throughput per 30 s interval, consumer lag over time, heap, whether it kept up. Default: none (5m with --full).")
    String sustained;

    @Option(names = "--sustained-rate", defaultValue = "0", description = "Sustained phase: input events per second, paced; 0 = as fast as possible with the backlog capped (default: ${DEFAULT-VALUE}).")
    double sustainedRate;

    @Option(names = "--sustained-max-backlog", defaultValue = "1000000", description = "Sustained phase at rate 0: the producer pauses while more input records than this are not yet committed (default: ${DEFAULT-VALUE}).")
    long sustainedMaxBacklog;

    @Option(names = "--scaling", description = "Scaling phase: a throughput round per --scaling-partitions x --scaling-threads (on with --full).")
    boolean scaling;

    @Option(names = "--scaling-partitions", split = ",", paramLabel = "N,N..", description = "Scaling phase: partition counts (default: 1,2,4,8).")
    List<Integer> scalingPartitions = new ArrayList<>(ScalingSettings.DEFAULT_PARTITIONS);

    @Option(names = "--scaling-threads", split = ",", paramLabel = "N,N..", description = "Scaling phase: stream thread counts (default: 1,2).")
    List<Integer> scalingThreads = new ArrayList<>(ScalingSettings.DEFAULT_THREADS);

    @Option(names = "--scaling-events", defaultValue = "500000", description = "Scaling phase: events per combination (default: ${DEFAULT-VALUE}).")
    long scalingEvents;

    @Option(names = "--state-customers", split = ",", paramLabel = "N,N..", description = "State phase: measure state size and heap at these customer counts, e.g. 100000,1000000 (the default with --full). Default: skipped.")
    List<Integer> stateCustomers = new ArrayList<>();

    @Option(names = "--state-events-per-customer", defaultValue = "3", description = "State phase: events per customer of each point (default: ${DEFAULT-VALUE}).")
    int stateEventsPerCustomer;

    @Option(names = "--full", description = "Everything: the defaults plus --sustained 5m, --scaling and --state-customers 100000,1000000 (each unless given). About 15 minutes.")
    boolean full;

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
        Duration liveFor = Durations.parse(live);
        LiveSettings livePhase = liveFor.isZero() ? LiveSettings.skipped()
                : new LiveSettings(true, liveFor, liveRate, LiveSettings.DEFAULT_MAX_BACKLOG);
        String sustainedFor = sustained != null ? sustained : full ? "5m" : null;
        LiveSettings sustainedPhase = sustainedFor == null ? LiveSettings.skipped()
                : new LiveSettings(true, Durations.parse(sustainedFor), sustainedRate, sustainedMaxBacklog);
        ScalingSettings scalingPhase = new ScalingSettings(scaling || full, scalingPartitions, scalingThreads, scalingEvents);
        List<Integer> stateAt = !stateCustomers.isEmpty() ? stateCustomers : full ? List.of(100_000, 1_000_000) : List.of();
        StateSettings statePhase = new StateSettings(stateAt, stateEventsPerCustomer);
        BenchSettings settings = new BenchSettings(events, warmup != null ? warmup : events, partitions, threads, seed, customers, guarantee, baselineStore, alerts,
                livePhase, sustainedPhase, scalingPhase, statePhase);
        Path stateRoot = Files.createTempDirectory("touchpulse-bench-state");
        Map<String, Object> result;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaPort, null)) {
            String bootstrap = broker.bootstrapServers();
            TouchpulseConfig clients = config(bootstrap, Map.of());
            BenchSink.Factory sinks = new BenchSink.Factory() {
                @Override public BenchSink open(Topics topics) { return new KafkaBenchSink(clients, topics); }
                @Override public Map<String, Object> producerConfig() { return KafkaEventSink.producerConfig(clients.kafkaClientMap()); }
            };
            BenchRunner runner = new BenchRunner(settings, bench -> config(bootstrap, bench), sinks, stateRoot);
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
