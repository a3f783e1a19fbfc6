package io.touchpulse.topology;

import io.micrometer.core.instrument.Counter;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.touchpulse.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input matrix ({@link BadInput}) through the real topology: each bad record is dead-lettered with its reason
 * and a message naming the problem (counted per reason and topic), the odd-but-good ones are processed, and every good
 * record around them reaches the windows. (TopologyTestDriver drops the deserialization handler's dead-letter records,
 * so those are checked by their count here and on a real broker in BadInputEndToEndTest.)
 */
class BadInputTest {
    /** One-minute tumbling windows, so the windows' event counts add up to the records processed. */
    private static final Map<String, String> TUMBLING = Map.of("window.size", "1m", "window.advance", "1m");

    @Test
    void everyBadClassIsDeadLetteredWithItsReasonAndEveryGoodRecordAroundItIsCounted() {
        try (PipelineDriver d = new PipelineDriver(TUMBLING)) {
            Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
            for (String topic : List.of(d.topics.webTraffic(), d.topics.search(), d.topics.interactions())) {
                raw.put(topic, d.driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
            }
            Instant at = T0.plusSeconds(5);
            List<BadInput.Case> cases = BadInput.cases(d.topics, at, T0.plusSeconds(3600));
            int good = 0;
            for (BadInput.Case c : cases) {
                // a good record before each case, on the same topic
                d.page("g" + good, "home", at.plusSeconds(10 + good % 40), 200, 100);
                good++;
                raw.get(c.topic()).pipeInput(new TestRecord<>(c.keyBytes(), c.value(), null, c.kafkaTime() == null ? at : c.kafkaTime()));
            }
            List<BadInput.Case> bad = cases.stream().filter(c -> c.reason() != null).toList();
            long oddButGood = cases.size() - bad.size();

            // dead letters from processors: in order, each with its reason, message and the original bytes
            List<BadInput.Case> invalid = bad.stream().filter(c -> c.reason().equals("INVALID")).toList();
            List<TestRecord<String, byte[]>> dead = d.deadLetters();
            assertThat(dead).hasSameSizeAs(invalid);
            for (int i = 0; i < invalid.size(); i++) {
                BadInput.Case c = invalid.get(i);
                TestRecord<String, byte[]> r = dead.get(i);
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).as(c.name()).isEqualTo("INVALID");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.MESSAGE)).as(c.name()).contains(c.message());
                assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).as(c.name()).isEqualTo(c.topic());
                assertThat(r.value()).as(c.name()).isEqualTo(c.value());
            }
            // every bad record counted, per reason and source topic
            Map<String, Long> expected = bad.stream().collect(Collectors.groupingBy(c -> c.reason() + " " + c.topic(), Collectors.counting()));
            expected.forEach((k, n) -> {
                String[] rt = k.split(" ");
                assertThat(d.metrics.registry().find("touchpulse_dlq_records").tag("reason", rt[0]).tag("topic", rt[1]).counter())
                        .as(k).isNotNull().extracting(Counter::count).isEqualTo((double) n);
            });

            // once the other topics are quiet, a record far ahead closes the windows; every good and odd-but-good
            // record is in them, nothing else
            d.inputsGoQuiet();
            d.page("closer", "home", at.plus(Duration.ofMinutes(10)), 200, 100);
            List<TouchpointHealth> windows = d.healthValues();
            assertThat(windows.stream().mapToLong(TouchpointHealth::getEvents).sum()).isEqualTo(good + oddButGood);
            List<Signal> signals = d.signals.readValuesToList();
            assertThat(signals).hasSize((int) (good + oddButGood + 1));
            assertThat(signals).filteredOn(s -> s.getEventId().equals("utf8-text")).singleElement()
                    .satisfies(s -> assertThat(s.getText()).contains("great").contains("\uFFFD"));
            assertThat(signals).filteredOn(s -> s.getEventId().startsWith("nullkey-")).hasSize(3);
        }
    }

    @Test
    void kafkaRecordTimestampsFarAwayNeitherMoveStreamTimeNorFirePromiseDeadlines() {
        Instant promised = T0.plus(Duration.ofHours(2));
        try (PipelineDriver d = new PipelineDriver(Map.of("validation.max-future-skew", "3d"))) {
            d.interaction("c3", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone", "Please call me back about my contract.",
                    "callback-promised", "case-9", "contract", List.of("due:" + promised), T0);
            var rawWeb = d.driver.createInputTopic(d.topics.webTraffic(), new ByteArraySerializer(), new ByteArraySerializer());
            // event time before the deadline, Kafka timestamp in the year 2999: stream time must follow the event
            rawWeb.pipeInput(new TestRecord<>("c4".getBytes(), BadInput.bytes(BadInput.web("w1", "c4", T0.plusSeconds(60))), null,
                    Instant.parse("2999-01-01T00:00:00Z")));
            // an event dead-lettered for its time does not move stream time either
            rawWeb.pipeInput(new TestRecord<>("c4".getBytes(), BadInput.bytes(BadInput.web("w2", "c4", T0.plus(Duration.ofDays(30)))), null, T0));
            assertThat(d.journeyIssues.readValuesToList()).isEmpty();
            assertThat(d.signals.readValuesToList()).extracting(Signal::getEventId).contains("w1").doesNotContain("w2");

            // the control: an event past the deadline does fire it
            d.page("c4", "home", T0.plus(Duration.ofHours(3)), 200, 100);
            assertThat(d.journeyIssues.readValuesToList()).extracting(i -> i.getType()).containsExactly(JourneyIssueType.BROKEN_PROMISE);
        }
    }
}
