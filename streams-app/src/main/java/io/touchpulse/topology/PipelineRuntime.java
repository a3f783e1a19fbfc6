package io.touchpulse.topology;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.touchpulse.broker.TopicProvisioner;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Owns one running KafkaStreams instance of the pipeline: makes sure the topics exist, sizes the
 * window merger to the input partitions, binds Kafka Streams metrics to Micrometer, and answers
 * the interactive queries the HTTP API needs.
 */
public final class PipelineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Set<String> storeNames;
    /** whether this instance can answer for every partition of a store it hosts */
    private final StorePartitions partitions;

    private PipelineRuntime(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, Set<String> storeNames, StorePartitions partitions) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.storeNames = storeNames;
        this.partitions = partitions;
    }

    /**
     * Task and state-store metrics (dropped records, store sizes) exist only once tasks are assigned; the
     * binder's default 60 s rescan would hide them for a minute after every start and rebalance.
     */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private static java.util.concurrent.ScheduledExecutorService metricsRefresher() {
        return java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    public static PipelineRuntime start(TouchpulseConfig config, PipelineMetrics metrics) {
        return start(config, metrics, null);
    }

    /** @param advertised this instance's HTTP endpoint for the other instances (application.server); null without HTTP */
    public static PipelineRuntime start(TouchpulseConfig config, PipelineMetrics metrics, HostInfo advertised) {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        ensureTopics(config, topics);
        int inputPartitions = inputPartitions(config, topics);
        ConsumerLag lag = new ConsumerLag(topics.eventInputs());
        var topology = TouchpulseTopology.build(config, TouchpulseTopology.Deps.of(metrics, inputPartitions, lag));
        TopologyDescription described = topology.describe();
        Map<String, Integer> subtopologyOf = storeSubtopologies(described);
        Set<String> storeNames = storeNames(described, subtopologyOf);
        Properties settings = StreamsSettings.of(config, metrics, advertised == null ? null : advertised.host() + ":" + advertised.port());
        KafkaStreams streams = new KafkaStreams(topology, settings);
        lag.attach(streams);
        StreamsStateGauge stateGauge = new StreamsStateGauge(metrics.registry());
        StreamsTaskGauges tasks = new StreamsTaskGauges(metrics.registry(), subtopologyOf);
        streams.setGlobalStateRestoreListener(tasks);
        tasks.watch(streams);
        streams.setStateListener((now, before) -> {
            LOG.info("streams {} -> {}", before, now);
            stateGauge.set(now);
        });
        streams.setUncaughtExceptionHandler(e -> {
            // the global (profile) thread cannot be replaced; stop and let readiness report it
            if (Thread.currentThread().getName().contains("GlobalStreamThread")) {
                LOG.error("global table thread failed; stopping the client (readiness turns DOWN)", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, java.util.List.of(), metricsRefresher(), KAFKA_METRICS_REFRESH);
        binder.bindTo(metrics.registry());
        streams.start();
        StorePartitions partitions = new StorePartitions(streams, subtopologyOf, sourceTopics(described, config.applicationId()), advertised,
                acceptableRecoveryLag(settings));
        return new PipelineRuntime(streams, binder, storeNames, partitions);
    }

    /** The lag up to which Kafka Streams counts a replica as caught up (it makes it active without warming it up first). */
    private static long acceptableRecoveryLag(Properties settings) {
        Object v = settings.getOrDefault(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG,
                StreamsConfig.configDef().defaultValues().get(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG));
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    }

    /** The sub-topologies' stores and the global ones. */
    private static Set<String> storeNames(TopologyDescription d, Map<String, Integer> subtopologyOf) {
        Set<String> names = new HashSet<>(subtopologyOf.keySet());
        d.globalStores().forEach(g -> names.addAll(g.processor().stores()));
        return Set.copyOf(names);
    }

    /** Each store's sub-topology: a changelog partition {@code p} of the store is restored by task {@code subtopology_p}. */
    private static Map<String, Integer> storeSubtopologies(TopologyDescription d) {
        Map<String, Integer> out = new HashMap<>();
        d.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) {
                p.stores().forEach(store -> out.put(store, s.id()));
            }
        }));
        return out;
    }

    /** Each sub-topology's source topics; repartition topics are named in the description without the application id they get. */
    private static Map<Integer, Set<String>> sourceTopics(TopologyDescription d, String applicationId) {
        Map<Integer, Set<String>> out = new HashMap<>();
        d.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Source source && source.topicSet() != null) {
                source.topicSet().forEach(t -> out.computeIfAbsent(s.id(), id -> new HashSet<>()).addAll(List.of(t, applicationId + "-" + t)));
            }
        }));
        return out;
    }

    /** Creates missing topics: inputs with the configured partitions; profiles, risk, ideas and trends compacted. */
    public static void ensureTopics(TouchpulseConfig config, Topics topics) {
        Map<String, Integer> partitions = new HashMap<>();
        topics.all().forEach(t -> partitions.put(t, config.topicPartitions()));
        // alerts are few and come from one task; one partition keeps them in order for the dispatcher
        partitions.put(topics.alerts(), 1);
        // latest-value-per-key topics: a consumer that starts late still gets every customer's risk, idea and trend
        Map<String, String> compact = Map.of("cleanup.policy", "compact");
        Map<String, Map<String, String>> configs = Map.of(topics.customerProfiles(), compact, topics.customerRisk(), compact,
                topics.ideas(), compact, topics.trendingTerms(), compact);
        TopicProvisioner.createAndAwait(config.kafkaClientMap(), partitions, configs);
    }

    /** The windows merge one watermark per input partition; Kafka Streams makes one task per partition of the widest input topic. */
    static int inputPartitions(TouchpulseConfig config, Topics topics) {
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            Map<String, TopicDescription> d = admin.describeTopics(topics.eventInputs()).allTopicNames().get();
            return d.values().stream().mapToInt(t -> t.partitions().size()).max().orElse(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe input topics " + topics.eventInputs() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Kafka Streams' own metrics of this instance (clients, threads, tasks, stores). */
    public Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> kafkaStreamsMetrics() {
        return streams.metrics();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Latest final window of every segment × touchpoint hosted here (one partition by default, so: all). */
    public List<TouchpointHealth> latestHealth() {
        return latestHealth(false);
    }

    public List<TouchpointHealth> latestHealth(boolean includeStandbys) {
        return values(this.<TouchpointHealth>keyValueStore(Stores.TOUCHPOINT_LATEST, includeStandbys));
    }

    /** Firing and recently resolved alerts, latest transition per fingerprint. */
    public List<io.touchpulse.schema.Alert> alerts() {
        return alerts(false);
    }

    public List<io.touchpulse.schema.Alert> alerts(boolean includeStandbys) {
        return values(this.<io.touchpulse.schema.Alert>keyValueStore(Stores.ALERTS, includeStandbys));
    }

    /** Journey issues kept by this instance's active tasks (recent ones; see journey.keep-issues). */
    public List<io.touchpulse.schema.JourneyIssue> journeyIssues() {
        return journeyIssues(false);
    }

    public List<io.touchpulse.schema.JourneyIssue> journeyIssues(boolean includeStandbys) {
        return values(this.<io.touchpulse.schema.JourneyIssue>keyValueStore(Stores.JOURNEY_ISSUES, includeStandbys));
    }

    /**
     * A key-value store of this instance for interactive queries.
     *
     * @param includeStandbys also standby replicas and restoring tasks, each within {@code acceptable.recovery.lag} of its
     *                        changelog (may lag the owner that much); false: active tasks only
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store, or a partition of it hosted
     *                                                                     here, is not queryable (see {@link StorePartitions})
     */
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name, boolean includeStandbys) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> q = StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (includeStandbys) {
            partitions.requireReplicas(name, null);
            return streams.store(q.enableStaleStores());
        }
        partitions.requireActive(name);
        return streams.store(q);
    }

    /**
     * The store's partition holding {@code key}, for a lookup: throws while that partition is not queryable here (not
     * hosted, or its active task still restoring), where the store over all partitions would answer "not found".
     */
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStoreFor(String name, String key, boolean includeStandbys) {
        KeyQueryMetadata m = keyMetadata(name, key);
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new org.apache.kafka.streams.errors.StreamsNotStartedException("no metadata for store '" + name + "' yet");
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> q = StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(name,
                QueryableStoreTypes.keyValueStore()).withPartition(m.partition());
        if (includeStandbys) {
            partitions.requireReplicas(name, m.partition());
        }
        return streams.store(includeStandbys ? q.enableStaleStores() : q);
    }

    private static <V> List<V> values(ReadOnlyKeyValueStore<String, V> store) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Whether the topology has a store of this name (the metadata below is empty for unknown stores and before the first assignment alike). */
    public boolean hasStore(String name) {
        return storeNames.contains(name);
    }

    /** Owner and standbys of a string key; {@link KeyQueryMetadata#NOT_AVAILABLE} before the first assignment. */
    public KeyQueryMetadata keyMetadata(String store, String key) {
        return streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    }

    /** An instance's partitions of a store in the assignment (as this instance last received it): active and standby tasks. */
    public record StoreAssignment(HostInfo host, Set<Integer> active, Set<Integer> standby) {
        public StoreAssignment {
            active = Set.copyOf(active);
            standby = Set.copyOf(standby);
        }
    }

    /** Every instance with active or standby tasks of the store, with their partitions of it (none for a global store). */
    public List<StoreAssignment> storeAssignment(String store) {
        return partitions.hosts(store);
    }

    /**
     * The partitions of the store that a read here covers now (from active tasks, or also from replicas within
     * {@code acceptable.recovery.lag} when {@code includeStandbys}); IllegalStateException when the replicas' lags cannot be had.
     */
    public Set<Integer> readablePartitions(String store, boolean includeStandbys) {
        return partitions.readable(store, includeStandbys);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(4));
    }

    /**
     * Leaves the consumer group: members are dynamic (a restart gets a new member id anyway), so staying in the group
     * would only leave this instance's tasks unprocessed and unqueryable until the session timeout (45 s) expires.
     */
    public void close(Duration timeout) {
        streams.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
    }
}
