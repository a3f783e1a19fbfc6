package io.touchpulse.topology;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Whether this instance can answer for every partition of a store it hosts. Kafka Streams' store over all partitions
 * leaves out, without a word, a partition whose task is still restoring (it is not in the threads' task lists until it
 * runs) or changing hands (for a few hundred ms in a rebalance), and a stale read also answers from a replica that has
 * only started restoring (the new standby of a task that moved, an in-memory store recycled between active and standby:
 * both restore from offset 0). A list then misses records, and a lookup says "not found" for a key that exists; with
 * three instances or more, right after one stops, that is what the survivors hold for a second or two. The checks here
 * throw instead (InvalidStateStoreException: the caller waits, asks another instance, or answers 503).
 * <p>Hosted: assigned here, as the other instances see it (a task is assigned before it exists here), or, for a stale
 * read, with a local copy. A replica must be within {@code acceptable.recovery.lag} of its changelog, Kafka Streams'
 * own measure of a caught-up replica.
 */
final class StorePartitions {
    /** How long a stale read waits for the changelogs' end offsets (Kafka Streams asks the broker, for up to a minute). */
    static final Duration LAG_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How long a lookup of the lags is reused: a replica read checks them before and after reading (see {@link #readable})
     * and every lookup asks the broker for the changelogs' end offsets.
     */
    static final Duration LAG_REUSE = Duration.ofMillis(200);

    private final KafkaStreams streams;
    /** store → sub-topology id: partition {@code p} of a store belongs to task {@code subtopology_p} */
    private final Map<String, Integer> subtopologyOf;
    /** sub-topology id → the topics it reads, as the assignment names them */
    private final Map<Integer, Set<String>> sourceTopics;
    /** this instance in the assignment; null without application.server (then only the local tasks count) */
    private final HostInfo self;
    private final long maxLag;
    /** The lookup of the local stores' lags in flight or last done (guarded by this). */
    private CompletableFuture<Map<String, Map<Integer, LagInfo>>> lookup;
    /** When {@link #lookup} completed (System.nanoTime; guarded by this). */
    private long lookupDoneAt;

    StorePartitions(KafkaStreams streams, Map<String, Integer> subtopologyOf, Map<Integer, Set<String>> sourceTopics, HostInfo self, long maxLag) {
        this.streams = streams;
        this.subtopologyOf = subtopologyOf;
        this.sourceTopics = sourceTopics;
        this.self = self;
        this.maxLag = maxLag;
    }

    /** Every partition of {@code store} whose active task is assigned here or runs here must be queryable. */
    void requireActive(String store) {
        probe(store, false, null).requireAll();
    }

    /**
     * Every partition of {@code store} hosted here (or just {@code partition} when not null) must be queryable from its
     * replica or restoring task and caught up; IllegalStateException when the lags cannot be had.
     */
    void requireReplicas(String store, Integer partition) {
        probe(store, true, partition).requireAll();
    }

    /**
     * The partitions of {@code store} a read here covers now: those {@link #requireActive} (or, with {@code replicas},
     * {@link #requireReplicas}) checks that are queryable (and caught up). The cluster layer compares them with the
     * partitions it expects from this instance: an instance whose view of the assignment lags the asker's answers for
     * fewer partitions than the asker believes, and its read succeeds. Empty for a global store.
     */
    Set<Integer> readable(String store, boolean replicas) {
        return probe(store, replicas, null).readable();
    }

    /** The outcome of checking the hosted partitions: those readable, and why the others are not (partition order). */
    private record Probe(Set<Integer> readable, List<InvalidStateStoreException> problems) {
        void requireAll() {
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
        }
    }

    private Probe probe(String store, boolean replicas, Integer partition) {
        Integer subtopology = subtopologyOf.get(store);
        if (subtopology == null) {
            return new Probe(Set.of(), List.of()); // a global store: always complete once the client runs
        }
        Map<Integer, LagInfo> lags = replicas ? localLags().getOrDefault(store, Map.of()) : Map.of();
        Set<Integer> hosted = assigned(store, replicas);
        if (replicas) {
            hosted.addAll(lags.keySet());
        } else {
            for (var thread : streams.metadataForLocalThreads()) {
                thread.activeTasks().stream().filter(t -> t.taskId().subtopology() == subtopology).forEach(t -> hosted.add(t.taskId().partition()));
            }
        }
        if (partition != null) {
            hosted.retainAll(Set.of(partition));
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> q = StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
        Set<Integer> readable = new TreeSet<>();
        List<InvalidStateStoreException> problems = new ArrayList<>();
        for (int p : new TreeSet<>(hosted)) {
            try {
                requireQueryable(replicas ? q.enableStaleStores().withPartition(p) : q.withPartition(p));
                LagInfo lag = lags.get(p);
                if (replicas && (lag == null || lag.offsetLag() > maxLag)) {
                    throw new InvalidStateStoreException("partition " + p + " of store '" + store + "' is still restoring here ("
                            + (lag == null ? "no position yet" : lag.offsetLag() + " records behind its changelog") + ")");
                }
                readable.add(p);
            } catch (InvalidStateStoreException e) {
                problems.add(e);
            }
        }
        return new Probe(readable, problems);
    }

    /**
     * KafkaStreams.store() only wraps the parameters: whether the partition is there shows when the store is read
     * (InvalidStateStorePartitionException, an InvalidStateStoreException), so read something cheap.
     */
    private void requireQueryable(StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> partition) {
        streams.store(partition).approximateNumEntries();
    }

    /** Every instance hosting {@code store} as this instance's view of the assignment has it, with its partitions of the store. */
    List<PipelineRuntime.StoreAssignment> hosts(String store) {
        Integer subtopology = subtopologyOf.get(store);
        List<PipelineRuntime.StoreAssignment> out = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
            out.add(subtopology == null ? new PipelineRuntime.StoreAssignment(m.hostInfo(), Set.of(), Set.of())
                    : new PipelineRuntime.StoreAssignment(m.hostInfo(), partitions(m.topicPartitions(), subtopology),
                    partitions(m.standbyTopicPartitions(), subtopology)));
        }
        return out;
    }

    /** The partitions of the store assigned to this instance: active tasks, and standby ones too if {@code standbys}. */
    private Set<Integer> assigned(String store, boolean standbys) {
        Set<Integer> out = new HashSet<>();
        for (PipelineRuntime.StoreAssignment a : hosts(store)) {
            if (a.host().equals(self)) {
                out.addAll(a.active());
                if (standbys) {
                    out.addAll(a.standby());
                }
            }
        }
        return out;
    }

    /** The sub-topology's partitions among an instance's assigned topic partitions (those of every sub-topology). */
    private Set<Integer> partitions(Set<TopicPartition> assigned, int subtopology) {
        Set<String> topics = sourceTopics.getOrDefault(subtopology, Set.of());
        return assigned.stream().filter(tp -> topics.contains(tp.topic())).map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The local store partitions' lags; concurrent reads share one lookup, so a broker that does not answer costs one
     * thread, and a successful one is reused for {@link #LAG_REUSE}.
     */
    private Map<String, Map<Integer, LagInfo>> localLags() {
        CompletableFuture<Map<String, Map<Integer, LagInfo>>> f;
        synchronized (this) {
            boolean fresh = lookup != null && (!lookup.isDone()
                    || !lookup.isCompletedExceptionally() && System.nanoTime() - lookupDoneAt < LAG_REUSE.toNanos());
            if (!fresh) {
                lookup = CompletableFuture.supplyAsync(streams::allLocalStorePartitionLags, r -> {
                    Thread t = new Thread(r, "replica-lags");
                    t.setDaemon(true);
                    t.start();
                }).whenComplete((lags, e) -> {
                    synchronized (this) {
                        lookupDoneAt = System.nanoTime();
                    }
                });
            }
            f = lookup;
        }
        try {
            return f.get(LAG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking how far the replicas are behind", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot tell how far this instance's replicas are behind their changelogs: "
                    + (e instanceof TimeoutException ? "no end offsets within " + LAG_TIMEOUT.toMillis() + " ms" : String.valueOf(e.getCause())), e);
        }
    }
}
