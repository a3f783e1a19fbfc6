package io.touchpulse.bench;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Stores;
import io.touchpulse.topology.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the pipeline keeps for a given number of customers: N profiles and N x eventsPerCustomer events on their own
 * topics, the pipeline run over them to the end, then (with the app still running) its state directory per store, the
 * broker's bytes per internal topic (changelogs, repartition) and per output topic, the RocksDB stores' memtables (what
 * they hold in memory and have not written to files yet) and the heap it added (used heap after a full GC, minus the
 * same before the app started; RocksDB's native memory is not in it).
 */
final class StateBench {
    /**
     * @param storeBytes        files under the app's state dir, by store name (in-memory stores have none)
     * @param internalTopicBytes broker log bytes of the app's changelog and repartition topics, by topic
     * @param outputTopicBytes  broker log bytes of the phase's topics other than the inputs, by topic
     * @param heapDeltaBytes    used heap after GC with the app running and caught up, minus before it started
     * @param customerEntries   approximate entries in the customers store (RocksDB's estimate), -1 if unavailable
     * @param memtableBytes     RocksDB memtables by store (Kafka Streams' size-all-mem-tables): off heap, not yet in files
     */
    record Result(int customers, long profiles, long events, double processingSeconds, Map<String, Long> storeBytes,
                  Map<String, Long> internalTopicBytes, Map<String, Long> outputTopicBytes, long heapDeltaBytes, long customerEntries,
                  Map<String, Long> memtableBytes) {
        long stateDirBytes() {
            return total(storeBytes);
        }

        long memtableTotalBytes() {
            return total(memtableBytes);
        }

        long internalBytes() {
            return total(internalTopicBytes);
        }

        private static long total(Map<String, Long> bytes) {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StateBench() {
    }

    /** {@code config} must carry the point's own topic prefix, application.id and state.dir. */
    static Result run(TouchpulseConfig config, BenchSink.Factory sinks, long seed, int customers, long events, Duration timeout)
            throws InterruptedException {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        PipelineRuntime.ensureTopics(config, topics);
        EventLoad.Result load;
        try (BenchSink sink = sinks.open(topics)) {
            load = EventLoad.write(seed, customers, events, sink);
        }
        long heapBefore = heapAfterGc();
        long constructed = System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PipelineRuntime pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()));
             GroupProgress progress = new GroupProgress(config.bootstrapServers(), config.applicationId(), topics.eventInputs())) {
            PhaseResult timing = StreamsTimer.time(constructed, config.applicationId(), pipeline::state, progress, timeout);
            long heapDelta = heapAfterGc() - heapBefore;
            long entries;
            try {
                entries = pipeline.keyValueStore(Stores.CUSTOMERS, false).approximateNumEntries();
            } catch (RuntimeException e) {
                entries = -1;
            }
            Map<String, Long> internal = new TreeMap<>();
            Map<String, Long> outputs = new TreeMap<>();
            topicBytes(config.bootstrapServers()).forEach((topic, bytes) -> {
                if (topic.startsWith(config.applicationId() + "-")) {
                    internal.put(topic.substring(config.applicationId().length() + 1), bytes);
                } else if (topic.startsWith(config.topicPrefix()) && !topics.eventInputs().contains(topic)) {
                    outputs.put(topic, bytes);
                }
            });
            return new Result(customers, load.profiles(), load.events(), timing.processingSeconds(),
                    storeBytes(config.stateDir().resolve(config.applicationId())), internal, outputs, heapDelta, entries,
                    memtableBytes(pipeline));
        }
    }

    /** Kafka Streams' RocksDB metric size-all-mem-tables (active, unflushed and pinned memtables), summed per store. */
    static Map<String, Long> memtableBytes(PipelineRuntime pipeline) {
        Map<String, Long> out = new TreeMap<>();
        pipeline.kafkaStreamsMetrics().forEach((name, metric) -> {
            String store = name.tags().get("rocksdb-state-id");
            if (name.name().equals("size-all-mem-tables") && store != null && metric.metricValue() instanceof Number n) {
                out.merge(store, n.longValue(), Long::sum);
            }
        });
        return out;
    }

    private static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Bytes per store below an app's state dir: {@code <task>/rocksdb/<store>/...} for RocksDB stores, {@code <task>/<store>/...}
     * otherwise; files directly in a task dir (checkpoints, locks) count as "(task files)".
     */
    static Map<String, Long> storeBytes(Path appDir) {
        Map<String, Long> out = new TreeMap<>();
        if (!Files.isDirectory(appDir)) return out;
        try (Stream<Path> files = Files.walk(appDir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                Path rel = appDir.relativize(f);
                String store = rel.getNameCount() < 3 ? "(task files)"
                        : rel.getName(1).toString().equals("rocksdb") && rel.getNameCount() >= 4 ? rel.getName(2).toString()
                        : rel.getName(1).toString();
                try {
                    out.merge(store, Files.size(f), Long::sum);
                } catch (IOException e) {
                    // a RocksDB file compacted away while walking: it no longer takes space
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state dir " + appDir, e);
        }
        return out;
    }

    /** The broker's log size per topic, summed over partitions (one broker, one log dir). */
    static Map<String, Long> topicBytes(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            var brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            Map<String, Long> out = new TreeMap<>();
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription d : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                        out.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
                    }
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe the broker's log dirs: " + e.getCause().getMessage(), e);
        }
    }
}
