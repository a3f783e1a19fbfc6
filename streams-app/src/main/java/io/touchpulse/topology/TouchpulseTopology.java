package io.touchpulse.topology;

import io.touchpulse.alert.AlertComposer;
import io.touchpulse.alert.AlertMetric;
import io.touchpulse.alert.MetricWatch;
import io.touchpulse.config.AlertSettings;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.detect.TermTrendConfig;
import io.touchpulse.journey.IdeaBoard;
import io.touchpulse.journey.IdeaMention;
import io.touchpulse.journey.JourneyConfig;
import io.touchpulse.journey.JourneyEngine;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.SurveyDecision;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.text.TextAnalyzer;
import io.touchpulse.topology.window.PaneAggregateSerde;
import io.touchpulse.topology.window.PaneMessage;
import io.touchpulse.topology.window.PaneMessageSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The core pipeline as a pure function of its configuration:
 * <pre>
 * tp.web-traffic ─┐
 * tp.search ──────┼─ normalise+score ─ join tp.customer-profiles (global) ─┬─ tp.signals
 * tp.interactions ┘                                                       └─ combine panes (per partition)
 *        ─ pane-partials (closed panes + watermarks) ─ merge windows ─┬─ tp.touchpoint-health
 *                                                                 ├─ trend terms (per segment×touchpoint) ─ tp.trending-terms
 *                                                                 └─ detect (per segment×touchpoint×metric) ─ tp.alerts
 * </pre>
 * Late records go to tp.dlq with reason LATE; invalid and unreadable ones via {@link DeadLetterHandler}.
 */
public final class TouchpulseTopology {

    /**
     * Collaborators that are not configuration: the wall clock (for timestamp sanity checks), metrics, how many input
     * partitions feed the windows, and whether an input partition still has records waiting (before it may count as idle).
     */
    public record Deps(Clock clock, PipelineMetrics metrics, TextAnalyzer analyzer, int inputPartitions, InputBacklog backlog) {
        public Deps(Clock clock, PipelineMetrics metrics, TextAnalyzer analyzer, int inputPartitions) {
            this(clock, metrics, analyzer, inputPartitions, InputBacklog.NONE);
        }

        public static Deps of(PipelineMetrics metrics, int inputPartitions, InputBacklog backlog) {
            return new Deps(Clock.systemUTC(), metrics, TextAnalyzer.standard(), inputPartitions, backlog);
        }
    }

    private TouchpulseTopology() {}

    public static Topology build(TouchpulseConfig config, Deps deps) {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        WindowSpec spec = WindowSpec.of(config);
        SignalFactory factory = new SignalFactory(config, deps.clock(), deps.analyzer());
        PipelineMetrics metrics = deps.metrics();
        AvroSerde<Signal> signalSerde = AvroSerde.of(Signal.class);
        StreamsBuilder b = new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsSettings.of(config, metrics))));

        // read once or twice per event: a hash map, no record cache in front (both cost more than a lookup), read by
        // the processors through ProfileTable rather than through the table's store layers
        ProfileTable profiles = new ProfileTable(topics.customerProfiles());
        b.globalTable(topics.customerProfiles(),
                Consumed.with(Serdes.String(), AvroSerde.of(CustomerProfile.class)).withName("source-customer-profiles"),
                Materialized.<String, CustomerProfile>as(profiles.storeSupplier(Stores.CUSTOMER_PROFILES))
                        .withKeySerde(Serdes.String()).withValueSerde(AvroSerde.of(CustomerProfile.class)).withCachingDisabled());

        EventTimeExtractor eventTime = new EventTimeExtractor(config, deps.clock());
        KStream<String, Signal> web = b.stream(topics.webTraffic(), Consumed.with(Serdes.String(), AvroSerde.of(WebTraffic.class))
                        .withTimestampExtractor(eventTime).withName("source-web-traffic"))
                .processValues(() -> new Normalizer<>(factory::fromWeb), Named.as("score-web-traffic"));
        KStream<String, Signal> search = b.stream(topics.search(), Consumed.with(Serdes.String(), AvroSerde.of(SearchEvent.class))
                        .withTimestampExtractor(eventTime).withName("source-search"))
                .processValues(() -> new Normalizer<>(factory::fromSearch), Named.as("score-search"));
        KStream<String, Signal> interactions = b.stream(topics.interactions(), Consumed.with(Serdes.String(), AvroSerde.of(Interaction.class))
                        .withTimestampExtractor(eventTime).withName("source-interactions"))
                .processValues(() -> new Normalizer<>(factory::fromInteraction), Named.as("score-interactions"));

        KStream<String, Signal> joined = web.merge(search, Named.as("merge-search")).merge(interactions, Named.as("merge-interactions"))
                .processValues(() -> new ProfileJoin(profiles.lookup(ProfileTable.JOIN_CACHE_PER_TASK)), Named.as("join-profile"));
        KStream<String, Signal> signals = (config.journeys().enabled() ? customerStage(b, joined, config, topics, metrics, profiles) : joined)
                .peek((k, s) -> metrics.signal(s), Named.as("count-signals"));
        if (config.publishSignals()) {
            signals.to(topics.signals(), Produced.with(Serdes.String(), signalSerde).withName("sink-signals"));
        }

        // open panes change with every event: written to the changelog once per commit, not per event
        b.addStateStore(WriteBehindStore.builder(logged(Stores.PANES_OPEN, new PaneAggregateSerde(), false)));
        b.addStateStore(WriteBehindStore.builder(logged(Stores.PANE_CLOCK, Serdes.Long(), false)));
        b.addStateStore(logged(Stores.PANES_MERGED, new PaneAggregateSerde(), true));
        b.addStateStore(logged(Stores.WINDOW_CLOCK, Serdes.Long(), false));
        b.addStateStore(logged(Stores.TOUCHPOINT_LATEST, AvroSerde.of(TouchpointHealth.class), false));

        Map<String, KStream<String, PaneMessage>> routed = signals
                .process(() -> new PaneCombiner(spec, metrics, deps.backlog()), Named.as("combine-panes"), Stores.PANES_OPEN, Stores.PANE_CLOCK)
                .split(Named.as("route-"))
                .branch((k, m) -> m.kind() == PaneMessage.Kind.LATE, Branched.as("late"))
                .defaultBranch(Branched.as("panes"));

        routed.get("route-late")
                .processValues(() -> new LateToDeadLetter(metrics), Named.as("late-to-dlq"))
                .to(topics.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("sink-late-dlq"));

        KStream<String, TouchpointHealth> health = routed.get("route-panes")
                .repartition(Repartitioned.<String, PaneMessage>as(Stores.PANE_PARTIALS_TOPIC)
                        .withKeySerde(Serdes.String()).withValueSerde(new PaneMessageSerde())
                        .withNumberOfPartitions(1).withStreamPartitioner(new BroadcastControlPartitioner()))
                .process(() -> new HealthWindowMerger(spec, deps.inputPartitions(), metrics), Named.as("merge-windows"),
                        Stores.PANES_MERGED, Stores.WINDOW_CLOCK, Stores.TOUCHPOINT_LATEST);
        health.to(topics.touchpointHealth(), Produced.with(Serdes.String(), AvroSerde.of(TouchpointHealth.class)).withName("sink-touchpoint-health"));
        TermTrendStage.attach(b, health, topics, TermTrendConfig.defaults(spec.advance()));

        AlertSettings alerting = config.alerts();
        if (alerting.enabled()) {
            List<AlertMetric> watched = alerting.metrics().stream().map(AlertMetric::byId).toList();
            MetricWatch watch = MetricWatch.of(alerting.detector(), spec.advance(), alerting.minSeverity());
            AlertComposer composer = new AlertComposer(alerting.apiBaseUrl());
            b.addStateStore(logged(Stores.ALERT_TRACKS, Serdes.ByteArray(), false));
            b.addStateStore(logged(Stores.ALERT_CLOCK, Serdes.Long(), false));
            b.addStateStore(logged(Stores.ALERTS, AvroSerde.of(Alert.class), false));
            health.process(() -> new AlertLifecycle(watched, watch, composer, alerting.forgetAfter().toMillis(),
                                    alerting.keepResolved().toMillis(), metrics), Named.as("detect-alerts"),
                            Stores.ALERT_TRACKS, Stores.ALERT_CLOCK, Stores.ALERTS)
                    .to(topics.alerts(), Produced.with(Serdes.String(), AvroSerde.of(Alert.class)).withName("sink-alerts"));
        }

        return b.build();
    }

    /**
     * Per-customer journeys (see {@link CustomerStage}): returns the signals, annotated, on their way to the windows,
     * and sends risk, journey issues, survey decisions and idea mentions to their topics.
     */
    private static KStream<String, Signal> customerStage(StreamsBuilder b, KStream<String, Signal> joined, TouchpulseConfig config,
                                                         Topics topics, PipelineMetrics metrics, ProfileTable profiles) {
        JourneyEngine engine = new JourneyEngine(JourneyConfig.of(config.journeys().knobs()));
        // one state per customer: millions of keys, so on disk (RocksDB), with the recently active ones decoded in memory
        b.addStateStore(CustomerStore.builder(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.persistentKeyValueStore(Stores.CUSTOMERS), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()), config.journeys().cacheCustomers()));
        b.addStateStore(logged(org.apache.kafka.streams.state.Stores.persistentKeyValueStore(Stores.CUSTOMER_DEADLINES), Serdes.Long(), true));
        b.addStateStore(logged(Stores.JOURNEY_ISSUES, AvroSerde.of(JourneyIssue.class), false));
        Map<String, KStream<String, CustomerOutput>> out = joined
                .process(() -> new CustomerStage(engine, config.journeys().keepIssues(), metrics,
                                // the stage needs the profiles of the customers it holds in memory, not of every visitor
                                profiles.lookup(config.journeys().cacheCustomers())), Named.as("customer-journeys"),
                        Stores.CUSTOMERS, Stores.CUSTOMER_DEADLINES, Stores.JOURNEY_ISSUES)
                .split(Named.as("customer-"))
                .branch((k, o) -> o instanceof CustomerOutput.SignalOut, Branched.as("signal"))
                .branch((k, o) -> o instanceof CustomerOutput.RiskOut, Branched.as("risk"))
                .branch((k, o) -> o instanceof CustomerOutput.IssueOut, Branched.as("issue"))
                .branch((k, o) -> o instanceof CustomerOutput.SurveyOut, Branched.as("survey"))
                .defaultBranch(Branched.as("idea"));
        out.get("customer-risk").mapValues(o -> ((CustomerOutput.RiskOut) o).risk(), Named.as("customer-risk-value"))
                .to(topics.customerRisk(), Produced.with(Serdes.String(), AvroSerde.of(CustomerRisk.class)).withName("sink-customer-risk"));
        out.get("customer-issue").mapValues(o -> ((CustomerOutput.IssueOut) o).issue(), Named.as("journey-issue-value"))
                .to(topics.journeyIssues(), Produced.with(Serdes.String(), AvroSerde.of(JourneyIssue.class)).withName("sink-journey-issues"));
        out.get("customer-survey").mapValues(o -> ((CustomerOutput.SurveyOut) o).decision(), Named.as("survey-decision-value"))
                .to(topics.surveyDecisions(), Produced.with(Serdes.String(), AvroSerde.of(SurveyDecision.class)).withName("sink-survey-decisions"));
        KStream<String, IdeaMention> mentions = out.get("customer-idea")
                .mapValues(o -> ((CustomerOutput.IdeaOut) o).mention(), Named.as("idea-mention-value"));
        IdeaBoardStage.attach(b, mentions, topics, IdeaBoard.DEFAULT_CAPACITY);
        return out.get("customer-signal").mapValues(o -> ((CustomerOutput.SignalOut) o).signal(), Named.as("customer-signal-value"));
    }

    /** Adds the customer's segment from the profile table (a left join: without a profile the signal passes unchanged). */
    private static final class ProfileJoin implements FixedKeyProcessor<String, Signal, Signal> {
        private final ProfileTable.Lookup profiles;
        private FixedKeyProcessorContext<String, Signal> ctx;

        ProfileJoin(ProfileTable.Lookup profiles) {
            this.profiles = profiles;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Signal> context) {
            ctx = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Signal> r) {
            withProfile(r.value(), profiles.get(r.value().getCustomerId()));
            ctx.forward(r);
        }
    }

    static Signal withProfile(Signal s, CustomerProfile profile) {
        if (profile != null && profile.getSegment() != null) {
            s.setSegment(segmentName(profile.getSegment()));
        }
        return s;
    }

    /** Profile data is trusted less than code: a malformed segment becomes "unknown" rather than a new dashboard row. */
    static String segmentName(String raw) {
        try {
            return SignalFactory.name(raw, "segment");
        } catch (InvalidEventException e) {
            return SignalFactory.UNKNOWN_SEGMENT;
        }
    }

    /** In-memory stores backed by a changelog: small state, fast restarts, exactly-once restore. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> logged(String name, org.apache.kafka.common.serialization.Serde<V> serde, boolean cached) {
        return logged(org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), serde, cached);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> logged(KeyValueBytesStoreSupplier store,
                                                                      org.apache.kafka.common.serialization.Serde<V> serde, boolean cached) {
        StoreBuilder<KeyValueStore<String, V>> sb = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(store, Serdes.String(), serde)
                .withLoggingEnabled(Map.of());
        return cached ? sb.withCachingEnabled() : sb.withCachingDisabled();
    }

}
