package io.touchpulse.cli;

import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.SimulationRunner;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Everything on one machine: an embedded Kafka broker, the simulator and the whole app. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker, the event simulator (with scripted incidents) and Touchpulse.",
                "Prints the live page, API and metrics URLs and the Kafka bootstrap address; any Kafka client can read the tp.* topics."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    SimOptions sim;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded Kafka broker on 127.0.0.1, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-data-dir", paramLabel = "DIR", description = "Keep the embedded broker's data here across runs (default: a temp dir deleted on exit).")
    Path kafkaDataDir;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // busier than `simulate` so that even night-time (UTC) demo windows have meaningful counts
        SimConfig simConfig = sim.simConfig(200);
        Duration runFor = sim.wallDuration();
        Path stateDir = Files.createTempDirectory("touchpulse-demo-state");
        Resources r = new Resources();
        Thread hook = new Thread(() -> r.close(stateDir), "touchpulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            r.broker = EmbeddedKafkaBroker.start(kafkaPort, kafkaDataDir);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("bootstrap.servers", r.broker.bootstrapServers());
            extra.put("http.port", Integer.toString(port));
            extra.put("state.dir", stateDir.toString());
            if (!config.overrides.containsKey("alert.api-base-url")) {
                extra.put("alert.api-base-url", "http://localhost:" + port);
            }
            if (!config.overrides.containsKey("application.id")) {
                extra.put("application.id", "touchpulse-demo");
            }
            if (sim.speed != 1 && !config.overrides.containsKey("validation.max-future-skew")) {
                // compressed simulated time runs ahead of the wall clock by design
                extra.put("validation.max-future-skew", "3650d");
            }
            TouchpulseConfig c = config.load(extra);
            PipelineRuntime.ensureTopics(c, Topics.withPrefix(c.topicPrefix()));
            r.app = AppServices.start(c);
            r.sink = new KafkaEventSink(c.kafkaClientMap(), Topics.withPrefix(c.topicPrefix()));
            Simulator simulator = new Simulator(simConfig);
            simulator.emitProfiles(r.sink);
            r.runner = new SimulationRunner(simulator, r.sink, sim.speed, null, sim.liveStart());
            Thread simThread = new Thread(r.runner, "simulator");
            simThread.setDaemon(true);
            simThread.start();
            int httpPort = r.app.http.port();
            System.out.printf("%nTouchpulse demo is up (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
            System.out.printf("  live page   http://localhost:%d/%n", httpPort);
            System.out.printf("  API         http://localhost:%d/api/touchpoints   http://localhost:%d/api/alerts%n", httpPort, httpPort);
            System.out.printf("  metrics     http://localhost:%d/metrics%n", httpPort);
            System.out.printf("  Kafka       %s  (topics %s*)%n", r.broker.bootstrapServers(), c.topicPrefix());
            System.out.printf("  simulator   seed %d, %d customers, speed %.0fx, incidents: %s%n",
                    simConfig.seed(), simConfig.customers(), sim.speed, DemoConsole.describe(simConfig.incidents()));
            System.out.printf("              %s of history first (baselines learn it in seconds), then live from %s%n",
                    sim.history.trim(), sim.liveStart());
            System.out.printf("Press Ctrl-C to stop.%n%n");
            DemoConsole console = new DemoConsole(simulator, r.app.pipeline, System.out);
            r.ticker = Executors.newSingleThreadScheduledExecutor(t -> {
                Thread th = new Thread(t, "demo-console");
                th.setDaemon(true);
                return th;
            });
            r.ticker.scheduleAtFixedRate(console::tick, 5, 5, TimeUnit.SECONDS);
            if (runFor != null) {
                stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
                System.out.printf("%nDemo ran for %s; %d events simulated. Stopping.%n", runFor, r.runner.eventsEmitted());
                r.close(stateDir);
            } else {
                stopped.await();
            }
            return 0;
        } catch (Exception e) {
            r.close(stateDir);
            throw e;
        }
    }

    /** Closes in reverse start order; safe to call twice (main thread and shutdown hook). */
    private final class Resources {
        EmbeddedKafkaBroker broker;
        AppServices app;
        KafkaEventSink sink;
        SimulationRunner runner;
        ScheduledExecutorService ticker;
        private boolean closed;

        synchronized void close(Path stateDir) {
            if (closed) {
                return;
            }
            closed = true;
            long t0 = System.nanoTime();
            if (ticker != null) {
                ticker.shutdownNow();
            }
            if (runner != null) {
                runner.stop();
            }
            if (sink != null) {
                sink.close();
            }
            if (app != null) {
                app.close();
            }
            if (broker != null) {
                broker.close();
            }
            deleteQuietly(stateDir);
            System.out.printf("Stopped in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            stopped.countDown();
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temp dir left behind is not worth failing shutdown for
        }
    }
}
