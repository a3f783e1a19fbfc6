package io.touchpulse.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.alert.dispatch.AlertingConfig;
import io.touchpulse.alert.dispatch.DispatcherService;
import io.touchpulse.alert.dispatch.Secrets;
import io.touchpulse.alert.notify.StandardWebhookSigner;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.sim.SimulationRunner;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.AlertLifecycle;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Alert latency end to end, as a user sees it: the whole pipeline (exactly-once as configured) and the dispatcher
 * (group wait and group interval 0, one {@code webhook} receiver on 127.0.0.1, signed) run against simulated traffic;
 * an hour of history is produced as fast as possible and processed, then the simulator runs live at {@code speed}x with scripted
 * incidents. Each alert transition's latency runs from its {@code tp.emitted-at} header (window close) to the moment
 * the local receiver had the POST that told it.
 */
final class AlertLatencyBench {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLatencyBench.class);
    static final String PREFIX = "bench-alerts.";
    static final String RECEIVER = "bench-webhook";
    private static final String SECRET_ENV = "TOUCHPULSE_BENCH_WEBHOOK_SECRET";
    private static final Duration HISTORY_STEP = Duration.ofSeconds(10);
    /** How long to wait, after the pipeline has drained, for deliveries of the last transitions. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    /**
     * @param emitted       every transition on tp.alerts
     * @param latencies     transitions paired with their webhook, and those never delivered
     * @param posts         webhook POSTs received (retries included)
     * @param badSignatures POSTs whose signature did not verify (must be 0)
     * @param httpAttempt   the dispatcher's own timer of each HTTP attempt
     */
    record Result(AlertScenario scenario, List<AlertLatencies.Emitted> emitted, AlertLatencies.Result latencies, long posts,
                  long badSignatures, long historyEvents, long liveEvents, double historySeconds, double liveSeconds,
                  double drainSeconds, double totalSeconds, Timer httpAttempt, double lateHistory, double lateLive, double dlqRecords) {
    }

    private AlertLatencyBench() {
    }

    /** {@code config} must carry the phase's own topic prefix, application.id and state.dir. */
    static Result run(TouchpulseConfig config, BenchSink.Factory sinks, AlertBenchSettings settings, long seed) throws InterruptedException {
        long t0 = System.nanoTime();
        AlertScenario scenario = AlertScenario.of(settings, seed);
        Topics topics = Topics.withPrefix(config.topicPrefix());
        PipelineRuntime.ensureTopics(config, topics);
        String secret = StandardWebhookSigner.generateSecret();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Duration timeout = Duration.ofMinutes(3);
        try (BenchSink sink = sinks.open(topics)) {
            // History first, the pipeline afterwards, as the throughput phases do: produced while the pipeline runs, one
            // input topic's batch can trail another's by more than the grace (30 simulated seconds are milliseconds of
            // wall time at full speed) and whole minutes of events would go to the DLQ as late, with alerts about them.
            EventCounter history = new EventCounter(sink, new java.util.concurrent.atomic.AtomicLong());
            Simulator sim = new Simulator(scenario.sim());
            sim.emitProfiles(history);
            while (sim.now().isBefore(scenario.liveStart())) {
                Duration left = Duration.between(sim.now(), scenario.liveStart());
                sim.advance(left.compareTo(HISTORY_STEP) < 0 ? left : HISTORY_STEP, history);
            }
            sink.flush();
            failIfSinkFailed(sink);
            try (WebhookCollector receiver = WebhookCollector.start();
                 RecordWatcher<AlertLatencies.Emitted> watcher = new RecordWatcher<>(config.bootstrapServers(), topics.alerts(),
                         "touchpulse-bench-alert-watcher", AlertLatencyBench::emitted);
                 DispatcherService dispatcher = DispatcherService.start(config, alerting(receiver.url()), registry,
                         new Secrets(name -> SECRET_ENV.equals(name) ? secret : null), Clock.systemUTC());
                 PipelineRuntime pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()))) {
                awaitDrained(config, topics, pipeline, timeout, "process the history");
                await(dispatcher::isActive, timeout, "the alert dispatcher to start");
                double lateHistory = sum(registry, "touchpulse_late_events");
                long t1 = System.nanoTime();
                LOG.info("bench[alerts]: {} events of history produced and processed in {} s; live for {} s at {}x", history.events().get(),
                        BenchRunner.fmt((t1 - t0) / 1e9), BenchRunner.fmt(scenario.liveWall().toMillis() / 1e3), scenario.speed());

                SimulationRunner live = new SimulationRunner(sim, sink, scenario.speed(), scenario.liveWall());
                live.run();
                sink.flush();
                failIfSinkFailed(sink);
                long t2 = System.nanoTime();

                awaitDrained(config, topics, pipeline, timeout, "process the live events");
                Map<org.apache.kafka.common.TopicPartition, Long> ends;
                try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", config.bootstrapServers()))) {
                    ends = GroupProgress.endOffsets(admin, watcher.partitions());
                }
                await(() -> watcher.reached(ends), timeout, "read every alert record");
                List<AlertLatencies.Emitted> emitted = watcher.records();
                AlertLatencies.Result matched = awaitDeliveries(emitted, receiver);
                long t3 = System.nanoTime();
                List<WebhookCollector.Post> posts = receiver.posts();
                Timer http = registry.find("touchpulse_alert_delivery").tag("receiver", RECEIVER).timer();
                double late = sum(registry, "touchpulse_late_events");
                return new Result(scenario, emitted, matched, posts.size(), WebhookCollector.badSignatures(posts, secret), history.events().get(),
                        live.eventsEmitted(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t0) / 1e9, http,
                        lateHistory, late - lateHistory, sum(registry, "touchpulse_dlq_records"));
            }
        }
    }

    private static final AvroSerde<Alert> ALERTS = AvroSerde.of(Alert.class);

    /** An alert record as the watcher saw it: its {@code tp.emitted-at} header and when it became visible. */
    private static AlertLatencies.Emitted emitted(ConsumerRecord<String, byte[]> r, long visibleAt) {
        Header h = r.headers().lastHeader(AlertLifecycle.EMITTED_AT_HEADER);
        if (h == null) {
            throw new IllegalStateException("alert record at offset " + r.offset() + " has no " + AlertLifecycle.EMITTED_AT_HEADER + " header");
        }
        long emittedAt = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
        Alert a = ALERTS.deserialize(r.topic(), r.value());
        String status = a.getStatus().name();
        return new AlertLatencies.Emitted(AlertLatencies.key(a.getFingerprint(), status, a.getSeverity().name(), a.getStartsAt().toEpochMilli()),
                status, a.getSegment() + "|" + a.getTouchpoint(), emittedAt, visibleAt);
    }

    private static double sum(SimpleMeterRegistry r, String counter) {
        return r.find(counter).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Group wait and group interval 0: every transition is sent as soon as the dispatcher reads it (default grouping by segment × touchpoint). */
    static AlertingConfig alerting(String url) {
        AlertingConfig.Route root = new AlertingConfig.Route(null, List.of(RECEIVER), null, null, null, "0s", "0s", null, null, null);
        return new AlertingConfig("", root, List.of(AlertingConfig.Receiver.of(RECEIVER, "webhook", url).withSecretEnv(SECRET_ENV)));
    }

    /** Until every transition has found its webhook, or {@link #SETTLE} passed without one arriving. */
    private static AlertLatencies.Result awaitDeliveries(List<AlertLatencies.Emitted> emitted, WebhookCollector receiver) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            AlertLatencies.Result r = AlertLatencies.match(emitted, WebhookCollector.received(receiver.posts()));
            if (r.unmatched().isEmpty() || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    private static void awaitDrained(TouchpulseConfig config, Topics topics, PipelineRuntime pipeline, Duration timeout, String what)
            throws InterruptedException {
        try (GroupProgress progress = new GroupProgress(config.bootstrapServers(), config.applicationId(), topics.eventInputs())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pipeline.state() != KafkaStreams.State.RUNNING || !progress.done()) {
                KafkaStreams.State s = pipeline.state();
                if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the pipeline stopped during the alert phase (state " + s + "); see the log");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out waiting for the pipeline to " + what + "; lag: " + progress.lag());
                }
                Thread.sleep(50);
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void failIfSinkFailed(BenchSink sink) {
        if (sink.failures() > 0) {
            throw new IllegalStateException(sink.failures() + " events could not be produced: " + sink.lastError());
        }
    }
}
