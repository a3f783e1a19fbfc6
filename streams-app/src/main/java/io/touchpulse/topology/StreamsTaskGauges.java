package io.touchpulse.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * What an instance holds and what it is restoring, seen from outside: after a failover or a restart, operators (and the
 * failover test) need to know when this instance owns its tasks, whether it is still restoring state, and how much
 * restoring cost. Kafka Streams' own task metrics appear only per task, after the binder's rescan, and say nothing
 * about time spent restoring.
 * <ul>
 *   <li>{@code touchpulse_streams_tasks{state="active"|"standby"}}: tasks assigned here (active includes those restoring),
 *   <li>{@code touchpulse_streams_tasks{state="restoring"}}: active tasks with a store still restoring from its changelog,
 *   <li>{@code touchpulse_streams_restored_records_total{store}} and {@code touchpulse_streams_restore_seconds{store}}
 *   (count, sum, max per store partition restored): what restoring cost; near zero when a standby replica took over.
 * </ul>
 * Global stores (the profile table) are restored the same way; they count in the records and seconds, not as tasks.
 */
final class StreamsTaskGauges implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsTaskGauges.class);

    private record Restoring(String store, long startedNanos) {}

    private final MeterRegistry registry;
    /** store → sub-topology id, to turn a changelog partition into the task {@code subtopology_partition} restoring it. */
    private final Map<String, Integer> subtopologyOf;
    private final Map<TopicPartition, Restoring> restoring = new ConcurrentHashMap<>();
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private volatile KafkaStreams streams;

    StreamsTaskGauges(MeterRegistry registry, Map<String, Integer> subtopologyOf) {
        this.registry = registry;
        this.subtopologyOf = Map.copyOf(subtopologyOf);
        gauge("active", g -> g.count(t -> t.activeTasks().size()));
        gauge("standby", g -> g.count(t -> t.standbyTasks().size()));
        gauge("restoring", g -> g.restoringTasks().size());
    }

    /** The client whose threads' tasks are counted (the listener must be set before the client starts, the client exists only then). */
    void watch(KafkaStreams streams) {
        this.streams = streams;
    }

    private void gauge(String state, ToIntFunction<StreamsTaskGauges> value) {
        Gauge.builder("touchpulse_streams_tasks", this, value::applyAsInt)
                .description("Tasks on this instance: active (restoring included), standby, and active ones still restoring state")
                .tag("state", state).register(registry);
    }

    private int count(ToIntFunction<ThreadMetadata> count) {
        KafkaStreams s = streams;
        if (s == null) {
            return 0;
        }
        try {
            return s.metadataForLocalThreads().stream().mapToInt(count).sum();
        } catch (RuntimeException e) {
            return 0; // closing or closed: no tasks
        }
    }

    /** Tasks ({@code subtopology_partition}) with a store partition restoring now. */
    Set<String> restoringTasks() {
        return restoring.entrySet().stream().filter(e -> subtopologyOf.containsKey(e.getValue().store()))
                .map(e -> subtopologyOf.get(e.getValue().store()) + "_" + e.getKey().partition()).collect(Collectors.toSet());
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.put(partition, new Restoring(store, System.nanoTime()));
        // a store partition with nothing to restore (a standby that was up to date, an empty changelog) is no news
        if (endingOffset > startingOffset + 1) {
            LOG.info("restoring store {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        records.computeIfAbsent(store, s -> Counter.builder("touchpulse_streams_restored_records")
                .description("Changelog records restored into this instance's stores").tag("store", s).register(registry)).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        finished(partition, store, totalRestored, "restored");
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        finished(partition, store, totalRestored, "stopped restoring (task moved or closed)");
    }

    private void finished(TopicPartition partition, String store, long totalRestored, String what) {
        Restoring r = restoring.remove(partition);
        if (r == null) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - r.startedNanos());
        durations.computeIfAbsent(store, s -> Timer.builder("touchpulse_streams_restore")
                .description("Time each store partition spent restoring from its changelog").tag("store", s).register(registry)).record(took);
        if (totalRestored > 1 || took.toSeconds() >= 1) {
            LOG.info("{} store {} from {}: {} records in {} ms", what, store, partition, totalRestored, took.toMillis());
        } else {
            LOG.debug("{} store {} from {}: {} records in {} ms", what, store, partition, totalRestored, took.toMillis());
        }
    }
}
