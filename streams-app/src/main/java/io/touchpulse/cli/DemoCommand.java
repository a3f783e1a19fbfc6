package io.touchpulse.cli;

import io.touchpulse.alert.dispatch.AlertingConfig;
import io.touchpulse.alert.notify.StandardWebhookSigner;
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
import java.net.URI;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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

    @Option(names = "--webhook", paramLabel = "URL", description = {"Also send alerts to this URL as JSON signed per Standard Webhooks.",
            "Secret: env " + WEBHOOK_SECRET_ENV + " (whsec_<base64>), else one is generated and printed once."})
    URI webhook;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "Also push alerts into the Prometheus Alertmanager at this URL (POST /api/v2/alerts).")
    URI alertmanager;

    static final String WEBHOOK_SECRET_ENV = "TOUCHPULSE_WEBHOOK_SECRET";

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
            AlertingConfig alerting = alerting(c, stateDir);
            r.app = AppServices.start(c, alerting);
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
            System.out.printf("  alerts to   %s; silences at http://localhost:%d/api/silences%n", alerting.receiversOrEmpty().stream()
                    .map(x -> x.type() + (x.url() == null ? "" : " " + x.url())).collect(java.util.stream.Collectors.joining(", ")), httpPort);
            System.out.printf("  simulator   seed %d, %d customers, speed %.0fx, incidents: %s%n",
                    simConfig.seed(), simConfig.customers(), sim.speed, DemoConsole.describe(simConfig.incidents()));
            System.out.printf("              %s of history first (baselines learn it in seconds), then live from %s%n",
                    sim.history.trim(), sim.liveStart());
            System.out.printf("  journeys    %s%n", DemoConsole.describe(simulator.journeyCast()));
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

    /**
     * Without a config file, alerts go to the log with short waits (simulated time runs 20× faster,
     * five wall-clock minutes between updates would hide the story); --webhook and --alertmanager
     * add a receiver each on the root route.
     */
    private AlertingConfig alerting(TouchpulseConfig c, Path stateDir) throws IOException {
        AlertingConfig a = c.alerts().deliveryConfig() != null ? AppServices.alertingConfig(c)
                : new AlertingConfig("", new AlertingConfig.Route(null, List.of("log"), null, null, null, "5s", "15s", null, null, null),
                List.of(AlertingConfig.Receiver.of("log", "log", null)));
        if (a.externalUrl() == null || a.externalUrl().isBlank()) {
            a = a.withExternalUrl("http://localhost:" + port);
        }
        if (webhook != null) {
            AlertingConfig.Receiver r = AlertingConfig.Receiver.of("demo-webhook", "webhook", webhook.toString());
            String fromEnv = System.getenv(WEBHOOK_SECRET_ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                r = r.withSecretEnv(WEBHOOK_SECRET_ENV);
            } else {
                // the config takes secrets from env or files only; the generated one lives in the demo's temp dir
                String secret = StandardWebhookSigner.generateSecret();
                Path file = Files.createFile(stateDir.resolve("webhook-secret"),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, secret);
                r = r.withSecretFile(file.toString());
                System.out.printf("Webhook signing secret (generated, shown only now; set %s to choose one): %s%n", WEBHOOK_SECRET_ENV, secret);
            }
            a = a.withRootReceiver(r);
        }
        if (alertmanager != null) {
            a = a.withRootReceiver(AlertingConfig.Receiver.of("demo-alertmanager", "alertmanager", alertmanager.toString()));
        }
        return a;
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
