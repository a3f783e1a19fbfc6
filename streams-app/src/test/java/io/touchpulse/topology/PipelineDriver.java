package io.touchpulse.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.SurveyDecision;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.text.TextAnalyzer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A TopologyTestDriver around the real pipeline with typed helpers for the tests. */
final class PipelineDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    final Topics topics = Topics.defaults();
    final PipelineMetrics metrics;
    final TopologyTestDriver driver;
    final TestInputTopic<String, WebTraffic> web;
    final TestInputTopic<String, SearchEvent> search;
    final TestInputTopic<String, Interaction> interactions;
    final TestInputTopic<String, CustomerProfile> profiles;
    final TestInputTopic<String, byte[]> rawWeb;
    final TestOutputTopic<String, Signal> signals;
    final TestOutputTopic<String, TouchpointHealth> health;
    final TestOutputTopic<String, byte[]> dlq;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, CustomerRisk> risk;
    final TestOutputTopic<String, JourneyIssue> journeyIssues;
    final TestOutputTopic<String, SurveyDecision> surveys;
    private final AtomicInteger ids = new AtomicInteger();
    private final Duration idleTimeout;
    private final File stateDir = new File(System.getProperty("java.io.tmpdir"), "tp-driver-" + System.nanoTime());

    PipelineDriver() {
        this(Map.of());
    }

    PipelineDriver(Map<String, String> overrides) {
        this(overrides, new SimpleMeterRegistry());
    }

    /** @param registry where the pipeline's metrics go (a Prometheus registry to read the scrape text) */
    PipelineDriver(Map<String, String> overrides, io.micrometer.core.instrument.MeterRegistry registry) {
        metrics = new PipelineMetrics(registry, 50);
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        // the driver's wall clock stands still unless a test moves it: a task waiting for its other input topics would wait forever
        m.put("watermark.input-wait", "0ms");
        m.putAll(overrides);
        TouchpulseConfig config = TouchpulseConfig.from(m);
        idleTimeout = config.idleTimeout();
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        var topology = TouchpulseTopology.build(config, new TouchpulseTopology.Deps(clock, metrics, TextAnalyzer.standard(), 1));
        Properties props = StreamsSettings.of(config, metrics);
        props.put("state.dir", stateDir.getPath());
        driver = new TopologyTestDriver(topology, props, T0);
        var str = Serdes.String();
        web = driver.createInputTopic(topics.webTraffic(), str.serializer(), AvroSerde.of(WebTraffic.class).serializer());
        rawWeb = driver.createInputTopic(topics.webTraffic(), str.serializer(), Serdes.ByteArray().serializer());
        search = driver.createInputTopic(topics.search(), str.serializer(), AvroSerde.of(SearchEvent.class).serializer());
        interactions = driver.createInputTopic(topics.interactions(), str.serializer(), AvroSerde.of(Interaction.class).serializer());
        profiles = driver.createInputTopic(topics.customerProfiles(), str.serializer(), AvroSerde.of(CustomerProfile.class).serializer());
        signals = driver.createOutputTopic(topics.signals(), str.deserializer(), AvroSerde.of(Signal.class).deserializer());
        health = driver.createOutputTopic(topics.touchpointHealth(), str.deserializer(), AvroSerde.of(TouchpointHealth.class).deserializer());
        dlq = driver.createOutputTopic(topics.dlq(), str.deserializer(), Serdes.ByteArray().deserializer());
        alerts = driver.createOutputTopic(topics.alerts(), str.deserializer(), AvroSerde.of(Alert.class).deserializer());
        risk = driver.createOutputTopic(topics.customerRisk(), str.deserializer(), AvroSerde.of(CustomerRisk.class).deserializer());
        journeyIssues = driver.createOutputTopic(topics.journeyIssues(), str.deserializer(), AvroSerde.of(JourneyIssue.class).deserializer());
        surveys = driver.createOutputTopic(topics.surveyDecisions(), str.deserializer(), AvroSerde.of(SurveyDecision.class).deserializer());
    }

    /** Where the driver's stores are (deleted on close). */
    File stateDir() {
        return stateDir;
    }

    /** A tombstone on the profiles topic: the customer no longer has a profile. */
    void deleteProfile(String customer) {
        profiles.pipeInput(customer, (CustomerProfile) null);
    }

    void profile(String customer, String segment) {
        profiles.pipeInput(customer, CustomerProfile.newBuilder().setCustomerId(customer).setSegment(segment).setTier("gold")
                .setTenureMonths(12).setLifetimeValue(1000).setUpdatedAt(T0).build());
    }

    void page(String customer, String touchpoint, Instant at, int status, int latencyMs) {
        web.pipeInput(customer, WebTraffic.newBuilder().setEventId("w" + ids.incrementAndGet()).setTimestamp(at)
                .setCustomerId(customer).setTouchpoint(touchpoint).setHttpStatus(status).setLatencyMs(latencyMs).build(), at);
    }

    void query(String customer, String q, int results, Instant at) {
        search.pipeInput(customer, SearchEvent.newBuilder().setEventId("s" + ids.incrementAndGet()).setTimestamp(at)
                .setCustomerId(customer).setQuery(q).setResultCount(results).build(), at);
    }

    void chat(String customer, String touchpoint, String text, Integer csat, Instant at) {
        interactions.pipeInput(customer, Interaction.newBuilder().setEventId("i" + ids.incrementAndGet()).setTimestamp(at)
                .setCustomerId(customer).setKind(InteractionKind.CHAT).setDirection(Direction.INBOUND).setTouchpoint(touchpoint)
                .setChannel("chat").setText(text).setCsat(csat).build(), at);
    }

    /** An INBOUND chat with an outcome (resolved, transferred, abandoned...). */
    void chatWithOutcome(String customer, String touchpoint, String text, String outcome, Instant at) {
        interactions.pipeInput(customer, Interaction.newBuilder().setEventId("i" + ids.incrementAndGet()).setTimestamp(at)
                .setCustomerId(customer).setKind(InteractionKind.CHAT).setDirection(Direction.INBOUND).setTouchpoint(touchpoint)
                .setChannel("chat").setText(text).setOutcome(outcome).build(), at);
    }

    /** Any interaction; {@code tags} lower-case per docs/journeys.md. */
    void interaction(String customer, InteractionKind kind, Direction direction, String touchpoint, String channel, String text,
                     String outcome, String caseId, String topic, List<String> tags, Instant at) {
        interactions.pipeInput(customer, Interaction.newBuilder().setEventId("i" + ids.incrementAndGet()).setTimestamp(at)
                .setCustomerId(customer).setKind(kind).setDirection(direction).setTouchpoint(touchpoint).setChannel(channel)
                .setText(text).setOutcome(outcome).setCaseId(caseId).setTopic(topic).setTags(tags).setDurationSec(300).build(), at);
    }

    void profile(String customer, String segment, int tenureMonths, double lifetimeValue) {
        profiles.pipeInput(customer, CustomerProfile.newBuilder().setCustomerId(customer).setSegment(segment).setTier("gold")
                .setTenureMonths(tenureMonths).setLifetimeValue(lifetimeValue).setUpdatedAt(T0).build());
    }

    /** Pipes what the simulator produces straight into the input topics, at each event's own time. */
    io.touchpulse.sim.EventSink simulatorSink() {
        return new io.touchpulse.sim.EventSink() {
            @Override
            public void profile(String key, CustomerProfile p) {
                profiles.pipeInput(key, p);
            }

            @Override
            public void webTraffic(String key, WebTraffic e) {
                web.pipeInput(key, e, e.getTimestamp());
            }

            @Override
            public void search(String key, SearchEvent e) {
                search.pipeInput(key, e, e.getTimestamp());
            }

            @Override
            public void interaction(String key, Interaction e) {
                interactions.pipeInput(key, e, e.getTimestamp());
            }
        };
    }

    /**
     * Moves the wall clock past the idle timeout, as if no input came for that long: an input topic that has gone quiet
     * stops holding the partition's event time back (and the partition counts as idle until its next record).
     */
    void inputsGoQuiet() {
        driver.advanceWallClockTime(idleTimeout);
    }

    List<TouchpointHealth> healthValues() {
        return health.readValuesToList();
    }

    List<TestRecord<String, byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
        try {
            Utils.delete(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
