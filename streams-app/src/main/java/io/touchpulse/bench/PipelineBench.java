package io.touchpulse.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Runs the real pipeline ({@link PipelineRuntime}, default topology) over the load and reads its counters afterwards. */
final class PipelineBench {
    /**
     * @param lateCombiner  late events the pane combiner sent to tp.dlq as LATE (the same records as dlq reason LATE)
     * @param lateMerger    events in whole panes the window merger dropped as late (not in the DLQ)
     * @param dlqByReason   records sent to tp.dlq, by reason
     * @param streamsDropped Kafka Streams' own dropped-records-total over all tasks
     */
    record Result(PhaseResult timing, double lateCombiner, double lateMerger, Map<String, Double> dlqByReason,
                  double healthWindows, double signals, double streamsDropped) {
        double dlqTotal() {
            return dlqByReason.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private PipelineBench() {
    }

    /** {@code config} must carry the pipeline's own application.id and state.dir. */
    static Result run(TouchpulseConfig config, Duration timeout) throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineMetrics metrics = new PipelineMetrics(registry, config.labelCap());
        Topics topics = Topics.withPrefix(config.topicPrefix());
        long constructed = System.nanoTime();
        PipelineRuntime runtime = PipelineRuntime.start(config, metrics);
        try (GroupProgress progress = new GroupProgress(config.bootstrapServers(), config.applicationId(), topics.eventInputs())) {
            PhaseResult timing = StreamsTimer.time(constructed, config.applicationId(), runtime::state, progress, timeout);
            Map<String, Double> dlq = new TreeMap<>();
            registry.find("touchpulse_dlq_records").counters()
                    .forEach(c -> dlq.merge(c.getId().getTag("reason"), c.count(), Double::sum));
            return new Result(timing, late(registry, "combiner"), late(registry, "merger"), dlq,
                    sum(registry, "touchpulse_health_windows"), sum(registry, "touchpulse_signals"), streamsDropped(registry));
        } finally {
            runtime.close(Duration.ofSeconds(10));
        }
    }

    private static double late(SimpleMeterRegistry r, String stage) {
        return r.find("touchpulse_late_events").tag("stage", stage).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double sum(SimpleMeterRegistry r, String name) {
        return r.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Kafka Streams' task metric dropped-records-total, as bound to Micrometer by PipelineRuntime (kafka.stream.task.dropped.records.total). */
    private static double streamsDropped(SimpleMeterRegistry r) {
        double sum = 0;
        for (Meter m : r.getMeters()) {
            if (m.getId().getName().equals("kafka.stream.task.dropped.records.total")) {
                for (Measurement x : m.measure()) {
                    if (Double.isFinite(x.getValue())) sum += x.getValue();
                }
            }
        }
        return sum;
    }
}
