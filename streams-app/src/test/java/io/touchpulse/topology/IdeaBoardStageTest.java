package io.touchpulse.topology;

import io.touchpulse.journey.IdeaMention;
import io.touchpulse.schema.Idea;
import io.touchpulse.text.Terms;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idea board wired as the lead wires it: mentions repartitioned to one partition, ideas out by ideaId, the store read for the API. */
class IdeaBoardStageTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String MENTIONS = "test.idea-mentions-in";
    private final Topics topics = Topics.defaults();
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, IdeaMention> mentions;
    private final TestOutputTopic<String, Idea> ideas;

    IdeaBoardStageTest() {
        StreamsBuilder b = new StreamsBuilder();
        IdeaBoardStage.attach(b, b.stream(MENTIONS, Consumed.with(Serdes.String(), new IdeaMentionSerde())), topics, 500);
        topology = b.build();
        Properties props = new Properties();
        props.put("application.id", "idea-test");
        props.put("bootstrap.servers", "127.0.0.1:9");
        props.put("state.dir", System.getProperty("java.io.tmpdir") + "/tp-ideas-" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props, T0);
        mentions = driver.createInputTopic(MENTIONS, Serdes.String().serializer(), new IdeaMentionSerde().serializer());
        ideas = driver.createOutputTopic(topics.ideas(), Serdes.String().deserializer(), AvroSerde.of(Idea.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void mention(String customer, String text, double weight, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        mentions.pipeInput(customer, new IdeaMention("e" + minute, customer, "premium", "mobile-app", at.toEpochMilli(), text, Terms.of(text), weight), at);
    }

    @Test
    void mentionsBecomeIdeasKeyedByIdeaIdAndTheStoreAnswersTheFeed() {
        mention("c1", "I wish I could export my statements to CSV", 1, 1);
        mention("c2", "please add CSV export for statements", 4, 2);
        mention("c3", "dark mode please", 1, 3);
        mention("c4", "would be great to export statements as csv", 2, 4);

        List<TestRecord<String, Idea>> out = ideas.readRecordsToList();
        assertThat(out).hasSize(4).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getIdeaId()));
        Idea last = out.get(3).value();
        assertThat(last.getMentions()).isEqualTo(3);
        assertThat(last.getWeight()).isEqualTo(7.0);
        assertThat(last.getExamples().get(0)).isEqualTo("please add CSV export for statements");
        assertThat(out.get(2).value().getTheme()).isEqualTo("dark mode");

        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(Stores.IDEAS);
        List<Idea> top = IdeaBoardStage.topIdeas(store, 10);
        assertThat(top).extracting(Idea::getIdeaId).containsExactly(last.getIdeaId(), out.get(2).value().getIdeaId());
        assertThat(IdeaBoardStage.topIdeas(store, 1)).hasSize(1);
    }

    @Test
    void mentionsGoThroughTheNamedRepartitionTopicToTheNamedProcessorAndStore() {
        String description = topology.describe().toString();
        assertThat(description).contains(Stores.IDEA_MENTIONS_TOPIC + "-repartition", IdeaBoardStage.PROCESSOR, Stores.IDEAS, "sink-ideas");
        // the source side and the board side are separate sub-topologies, joined by the repartition topic
        assertThat(topology.describe().subtopologies()).hasSize(2);
    }

    @Test
    void theMentionSerdeRoundTripsAndRejectsOtherVersions() {
        IdeaMentionSerde serde = new IdeaMentionSerde();
        IdeaMention m = new IdeaMention("e1", null, "premium", "web", 5L, "dark mode", List.of("dark", "mode", "dark mode"), 2.5);
        byte[] bytes = serde.serializer().serialize("t", m);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(m);
        bytes[0] = 3;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).hasMessageContaining("version 3");
    }
}
