package io.touchpulse.topology.window;

import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.TouchpointHealth;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Panes count questions from the signals' flags, merge them, keep them across the changelog, and read old panes. */
class PaneQuestionsTest {

    private static Signal signal(boolean question, boolean unanswered) {
        return Signal.newBuilder().setEventId("e").setTimestamp(Instant.parse("2026-03-02T10:00:00Z")).setSource(SignalSource.INTERACTION)
                .setCustomerId("c1").setSegment("premium").setTouchpoint("store").setChannel("chat").setCompound(0).setLabel("neutral")
                .setHasText(false).setDissatisfied(unanswered).setReasons(unanswered ? List.of("UNANSWERED") : List.of())
                .setText(null).setTerms(List.of()).setIntents(List.of()).setAspects(Map.of()).setHttpStatus(null).setLatencyMs(null)
                .setZeroResults(false).setCsat(null).setNps(null).setQuestion(question).setUnanswered(unanswered).build();
    }

    private static TouchpointHealth health(PaneAggregate p) {
        return p.toHealth("premium", "store", 0, 300_000);
    }

    @Test
    void countsQuestionsAndUnansweredOnesFromTheFlags() {
        PaneAggregate p = new PaneAggregate();
        p.add(signal(true, false));
        p.add(signal(true, true));
        p.add(signal(true, true));
        p.add(signal(false, false));
        // the customer stage marks a repeated question unanswered: the pane trusts the flag, it does not re-derive it
        TouchpointHealth h = health(p);
        assertThat(h.getQuestions()).isEqualTo(3);
        assertThat(h.getUnansweredQuestions()).isEqualTo(2);
        assertThat(h.getUnansweredRate()).isEqualTo(2.0 / 3);
        assertThat(h.getReasonCounts()).containsEntry("UNANSWERED", 2L);
    }

    @Test
    void aWindowWithoutQuestionsHasNoRate() {
        PaneAggregate p = new PaneAggregate();
        p.add(signal(false, false));
        assertThat(health(p).getQuestions()).isZero();
        assertThat(health(p).getUnansweredRate()).isNull();
    }

    @Test
    void panesMergeByAddingTheirCounts() {
        PaneAggregate a = new PaneAggregate();
        a.add(signal(true, true));
        PaneAggregate b = new PaneAggregate();
        b.add(signal(true, false));
        b.add(signal(true, false));
        b.add(signal(true, true));
        a.merge(b);
        assertThat(health(a).getQuestions()).isEqualTo(4);
        assertThat(health(a).getUnansweredQuestions()).isEqualTo(2);
        assertThat(health(a).getUnansweredRate()).isEqualTo(0.5);
    }

    @Test
    void countsSurviveTheChangelogEncoding() {
        PaneAggregate p = new PaneAggregate();
        p.add(signal(true, true));
        p.add(signal(true, false));
        TouchpointHealth h = health(PaneAggregate.fromBytes(p.toBytes()));
        assertThat(h.getQuestions()).isEqualTo(2);
        assertThat(h.getUnansweredQuestions()).isEqualTo(1);
    }

    @Test
    void panesStoredBeforeQuestionsWereCountedReadAsNone() {
        PaneAggregate p = new PaneAggregate();
        p.add(signal(true, true));
        p.add(signal(false, false));
        byte[] now = p.toBytes();
        // the previous encoding is this one without the two trailing counts
        PaneAggregate old = PaneAggregate.fromBytes(Arrays.copyOf(now, now.length - 16));
        assertThat(old.events()).isEqualTo(2);
        assertThat(health(old).getQuestions()).isZero();
        assertThat(health(old).getUnansweredRate()).isNull();
    }
}
