package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TextVarietyTest {

    @Test
    void thousandsOfDistinctNaturalTextsInOneHundredThousandEvents() {
        Simulator sim = new Simulator(new SimConfig(3, Instant.parse("2025-03-05T10:00:00Z"), 5000, 100, Incident.defaultSchedule()));
        RecordingSink sink = new RecordingSink();
        while (sink.events() < 100_000) sim.advance(Duration.ofMinutes(1), sink);
        List<String> texts = sink.interactions.stream().filter(i -> i.getDirection() == Direction.INBOUND)
                .map(Interaction::getText).filter(t -> t != null).toList();
        Set<String> distinct = Set.copyOf(texts);
        System.out.println(texts.size() + " customer texts, " + distinct.size() + " distinct; examples:");
        texts.stream().limit(25).forEach(t -> System.out.println("  " + t));
        assertThat(distinct.size()).isGreaterThanOrEqualTo(1000);
        assertThat(texts).anyMatch(t -> t.contains(" but ") || t.contains(", however"))   // mixed
                .anyMatch(t -> t.endsWith("?") || t.contains("? "))                       // questions
                .anyMatch(t -> t.contains("switching to another provider") || t.contains("cancel my account")) // churn
                .anyMatch(t -> t.contains("helpful") || t.contains("Great job"))           // praise
                .anyMatch(t -> t.contains("@example."));                                   // PII to redact
        assertThat(texts).allMatch(t -> !t.isBlank() && !t.contains("{") && !t.contains("  "));
    }

    @Test
    void composerCoversEveryTopicAndTone() {
        TextComposer c = new TextComposer(TextLibraryHolder.LIB);
        SplittableRandom r = new SplittableRandom(1);
        for (int topic = 0; topic < Segment.SUBJECTS.length; topic++)
            for (TextComposer.Tone tone : TextComposer.Tone.values())
                for (TextComposer.Style style : TextComposer.Style.values()) {
                    String t = c.compose(style, topic, tone, r.nextBoolean(), r);
                    assertThat(t).as(topic + " " + tone + " " + style).isNotBlank().doesNotContain("{").doesNotContain("  ");
                    assertThat(Character.isLowerCase(t.charAt(0)) && style == TextComposer.Style.VERBATIM && !t.equals(t.toLowerCase()))
                            .as("verbatim starts with a capital: " + t).isFalse();
                }
        Set<String> marketing = java.util.stream.IntStream.range(0, 500).mapToObj(i -> c.marketing(r)).collect(Collectors.toSet());
        assertThat(marketing.size()).isGreaterThan(100);
    }
}
