package io.touchpulse.bench;

import io.touchpulse.broker.TopicProvisioner;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.StreamsSettings;
import io.touchpulse.topology.Topics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the bare windowed count over the load with the pipeline's own Streams settings (guarantee, commit
 * interval, cache size, threads, compression), only the application id, state dir and topology differ.
 */
final class BaselineBench {
    record Result(PhaseResult timing, double droppedRecords) {
    }

    private BaselineBench() {
    }

    /** {@code config} must carry the baseline's own application.id and state.dir. */
    static Result run(TouchpulseConfig config, boolean inMemory, Duration timeout) throws InterruptedException {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        String output = config.topicPrefix() + "bench-baseline-counts";
        TopicProvisioner.createAndAwait(config.kafkaClientMap(), Map.of(output, config.topicPartitions()), Map.of());

        long constructed = System.nanoTime();
        KafkaStreams streams = new KafkaStreams(BaselineTopology.build(topics.eventInputs(), output, inMemory),
                StreamsSettings.of(config, PipelineMetrics.noop()));
        try (GroupProgress progress = new GroupProgress(config.bootstrapServers(), config.applicationId(), topics.eventInputs())) {
            streams.start();
            PhaseResult timing = StreamsTimer.time(constructed, config.applicationId(), streams::state, progress, timeout);
            return new Result(timing, droppedRecords(streams));
        } finally {
            streams.close(Duration.ofSeconds(10));
            streams.cleanUp();
        }
    }

    /** Kafka Streams' own count of records it skipped (late beyond grace, unreadable, null key), all tasks. */
    static double droppedRecords(KafkaStreams streams) {
        double sum = 0;
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals("dropped-records-total") && e.getValue().metricValue() instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }
}
