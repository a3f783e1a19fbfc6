package io.touchpulse.topology;

import io.touchpulse.detect.TermTrendConfig;
import io.touchpulse.schema.TermCount;
import io.touchpulse.schema.TermTrend;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The trend stage on a health stream: records when a term starts and stops trending, state in the store, the read helper. */
class TermTrendStageTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Topics topics = Topics.defaults();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, TouchpointHealth> health;
    private final TestOutputTopic<String, TermTrend> trends;

    TermTrendStageTest() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, TouchpointHealth> h = b.stream(topics.touchpointHealth(), Consumed.with(Serdes.String(), AvroSerde.of(TouchpointHealth.class)));
        TermTrendStage.attach(b, h, topics, TermTrendConfig.defaults(60_000));
        Properties props = new Properties();
        props.put("application.id", "trend-test");
        props.put("bootstrap.servers", "127.0.0.1:9");
        props.put("state.dir", System.getProperty("java.io.tmpdir") + "/tp-trend-" + System.nanoTime());
        driver = new TopologyTestDriver(b.build(), props, T0);
        health = driver.createInputTopic(topics.touchpointHealth(), Serdes.String().serializer(), AvroSerde.of(TouchpointHealth.class).serializer());
        trends = driver.createOutputTopic(topics.trendingTerms(), Serdes.String().deserializer(), AvroSerde.of(TermTrend.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void window(String segment, String touchpoint, int minute, Map<String, Long> terms) {
        Instant end = T0.plusSeconds(60L * minute);
        List<TermCount> top = new ArrayList<>();
        terms.forEach((t, c) -> top.add(new TermCount(t, c)));
        health.pipeInput(HealthKey.of(segment, touchpoint), TouchpointHealth.newBuilder().setSegment(segment).setTouchpoint(touchpoint)
                .setWindowStart(end.minusSeconds(300)).setWindowEnd(end).setEvents(100).setDistinctCustomers(50).setDissatisfied(20)
                .setDissatisfiedRate(0.2).setTextEvents(40).setTopNegativeTerms(top).setSampleVerbatims(List.of()).build(), end);
    }

    @Test
    void aBurstOfOneTermIsPublishedWhenItStartsAndWhenItEnds() {
        for (int m = 1; m <= 60; m++) {
            window("premium", "billing", m, Map.of("invoice", 30L, "refund", m % 2 == 0 ? 1L : 2L));
            window("standard", "billing", m, Map.of("invoice", 30L));
        }
        assertThat(trends.isEmpty()).isTrue();
        for (int m = 61; m <= 65; m++) {
            window("premium", "billing", m, Map.of("invoice", 30L, "refund", 16L, "charged twice", 12L));
            window("standard", "billing", m, Map.of("invoice", 31L));
        }
        List<TestRecord<String, TermTrend>> started = trends.readRecordsToList();
        assertThat(started).extracting(TestRecord::key).containsExactlyInAnyOrder("premium|billing|refund", "premium|billing|charged twice");
        assertThat(started).allSatisfy(r -> {
            assertThat(r.value().getTrending()).isTrue();
            assertThat(r.value().getWindowEnd()).isEqualTo(T0.plusSeconds(61 * 60));
            assertThat(r.value().getLift()).isGreaterThanOrEqualTo(2);
        });

        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(Stores.TERM_TRENDS);
        assertThat(TermTrendStage.currentTrends(store, "premium", "billing")).extracting(TermTrend::getTerm)
                .containsExactlyInAnyOrder("refund", "charged twice");
        assertThat(TermTrendStage.currentTrends(store, null, "billing")).hasSize(2);
        assertThat(TermTrendStage.currentTrends(store, "standard", null)).isEmpty();
        List<TermTrend> all = TermTrendStage.currentTrends(store, null, null);
        assertThat(all.get(0).getScore()).isGreaterThanOrEqualTo(all.get(1).getScore());

        for (int m = 66; m <= 70; m++) {
            window("premium", "billing", m, Map.of("invoice", 30L, "refund", 1L));
        }
        List<TermTrend> ended = trends.readValuesToList();
        assertThat(ended).extracting(TermTrend::getTerm).containsExactlyInAnyOrder("refund", "charged twice");
        assertThat(ended).noneMatch(TermTrend::getTrending);
        assertThat(TermTrendStage.currentTrends(store, null, null)).isEmpty();
    }
}
