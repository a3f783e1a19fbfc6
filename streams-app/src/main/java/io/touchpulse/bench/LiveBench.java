package io.touchpulse.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live phase on its own topics: profiles first, the pipeline started and RUNNING, then a {@link LiveProducer} feeds
 * events for the set duration while this thread samples, every second, what was produced, what the pipeline has
 * committed (so throughput and consumer lag over time) and the heap; a {@link RecordWatcher} notes when each health
 * record becomes visible. Afterwards the backlog is drained and the health records are measured ({@link HealthLatencies}).
 */
final class LiveBench {
    private static final long SAMPLE_MS = 1000;
    private static final AvroSerde<TouchpointHealth> HEALTH = AvroSerde.of(TouchpointHealth.class);

    /**
     * @param samples      one per second while producing, plus one after the drain
     * @param drainSeconds from the producer's stop until the pipeline had committed everything
     */
    record Result(LiveSettings settings, Instant simFrom, Instant simTo, long events, List<LiveSample> samples, double drainSeconds,
                  List<HealthLatencies.Measured> health, int healthRecords, double late, double dlq) {
    }

    private LiveBench() {
    }

    /** {@code config} must carry the phase's own topic prefix, application.id and state.dir. */
    static Result run(TouchpulseConfig config, BenchSink.Factory sinks, LiveSettings s, long seed, int customers) throws InterruptedException {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        PipelineRuntime.ensureTopics(config, topics);
        // paced: a busy stretch of the simulated day (yesterday's late morning) so the rate is near the target;
        // saturating: the throughput rounds' start, with the most room before "now"
        Instant start = s.saturating() ? EventLoad.simulatedStart() : EventLoad.simulatedStart().plus(Duration.ofHours(34));
        Simulator sim = new Simulator(new SimConfig(seed, start, customers, EventLoad.PEAK_EVENTS_PER_S, Incident.defaultSchedule()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (BenchSink sink = sinks.open(topics)) {
            sim.emitProfiles(sink);
            sink.flush();
            try (PipelineRuntime pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()));
                 GroupProgress progress = new GroupProgress(config.bootstrapServers(), config.applicationId(), topics.eventInputs());
                 RecordWatcher<HealthLatencies.Seen> watcher = new RecordWatcher<>(config.bootstrapServers(), topics.touchpointHealth(),
                         "touchpulse-bench-health-watcher", (r, at) -> new HealthLatencies.Seen(
                                 HEALTH.deserialize(r.topic(), r.value()).getWindowEnd().toEpochMilli(), at))) {
                awaitState(pipeline, Duration.ofMinutes(2));
                Instant simFrom = sim.now();
                AtomicLong committed = new AtomicLong();
                LiveProducer feeding = new LiveProducer(sim, sink, s.speed(), s.duration(), committed::get, s.maxBacklog());
                Thread thread = new Thread(feeding, "bench-live-producer");
                List<LiveSample> samples = new ArrayList<>();
                thread.start();
                while (thread.isAlive()) {
                    LiveSample x = sample(feeding, progress, memory, config.applicationId());
                    committed.set(x.committed());
                    samples.add(x);
                    failIfStopped(pipeline);
                    thread.join(SAMPLE_MS);
                }
                feeding.check();
                long stopped = System.nanoTime();
                awaitDrained(pipeline, progress, Duration.ofSeconds(Math.max(120, s.maxBacklog() / 2_000)));
                double drain = (System.nanoTime() - stopped) / 1e9;
                samples.add(sample(feeding, progress, memory, config.applicationId()));
                Map<org.apache.kafka.common.TopicPartition, Long> ends;
                try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", config.bootstrapServers()))) {
                    ends = GroupProgress.endOffsets(admin, watcher.partitions());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!watcher.reached(ends) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<HealthLatencies.Seen> seen = watcher.records();
                List<HealthLatencies.Measured> health = HealthLatencies.measure(seen, config.windowGrace().toMillis(), feeding.clock());
                return new Result(s, simFrom, sim.now(), feeding.events(), samples, drain, health, seen.size(),
                        sum(registry, "touchpulse_late_events"), sum(registry, "touchpulse_dlq_records"));
            }
        }
    }

    private static LiveSample sample(LiveProducer feeding, GroupProgress progress, MemoryMXBean memory, String applicationId) {
        return new LiveSample(System.currentTimeMillis(), feeding.events(), progress.currentInputRecords(), progress.committedInputRecords(),
                memory.getHeapMemoryUsage().getUsed(), ThreadCpu.nanos(applicationId), ThreadCpu.processNanos());
    }

    private static void awaitState(PipelineRuntime pipeline, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pipeline.state() != KafkaStreams.State.RUNNING) {
            failIfStopped(pipeline);
            if (System.nanoTime() > deadline) throw new IllegalStateException("live phase: the pipeline did not reach RUNNING in " + timeout);
            Thread.sleep(20);
        }
    }

    private static void awaitDrained(PipelineRuntime pipeline, GroupProgress progress, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.done()) {
            failIfStopped(pipeline);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("live phase: the pipeline did not catch up within " + timeout + "; lag: " + progress.lag());
            }
            Thread.sleep(50);
        }
    }

    private static void failIfStopped(PipelineRuntime pipeline) {
        KafkaStreams.State st = pipeline.state();
        if (st == KafkaStreams.State.ERROR || st == KafkaStreams.State.PENDING_ERROR || st == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the pipeline stopped during a live phase (state " + st + "); see the log");
        }
    }

    private static double sum(SimpleMeterRegistry r, String counter) {
        return r.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }
}
