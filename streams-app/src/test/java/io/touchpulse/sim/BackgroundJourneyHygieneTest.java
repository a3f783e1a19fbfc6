package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssueType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The random background (no cast) keeps the journey patterns at realistic levels: promised callbacks are mostly made,
 * marketing and surveys respect per-customer frequency caps, outreach mostly skips customers with an open case.
 * Prints how many customers newly show each pattern per hour (by {@link JourneyPatterns}) for the record.
 */
class BackgroundJourneyHygieneTest {
    static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
    static RecordingSink sink;
    static Map<String, List<Interaction>> byCustomer;

    @BeforeAll
    static void simulate() {
        Simulator sim = new Simulator(new SimConfig(5, START, 5000, 60, List.of()).withJourneys(false));
        sink = new RecordingSink();
        sim.emitProfiles(sink);
        Map<String, java.util.Set<JourneyIssueType>> seen = new HashMap<>();
        for (int h = 0; h < 6; h++) {
            sim.advance(Duration.ofHours(1), sink);
            Map<JourneyIssueType, Integer> fresh = new EnumMap<>(JourneyIssueType.class);
            sink.interactions.stream().collect(Collectors.groupingBy(Interaction::getCustomerId)).forEach((c, events) -> {
                var p = sink.profiles.get(c);
                var now = JourneyPatterns.of(events, p == null ? null : p.getTenureMonths(), sim.now());
                for (JourneyIssueType t : now) if (!seen.getOrDefault(c, java.util.Set.of()).contains(t)) fresh.merge(t, 1, Integer::sum);
                seen.put(c, now);
            });
            System.out.println("background hour " + h + ": customers newly showing " + fresh);
        }
        byCustomer = sink.interactions.stream().collect(Collectors.groupingBy(Interaction::getCustomerId));
    }

    @Test
    void mostPromisedCallbacksAreMadeOnTheSameCaseButNotAll() {
        Instant cutoff = START.plus(Duration.ofHours(2));
        List<Interaction> promised = sink.interactions.stream()
                .filter(e -> "callback-promised".equals(e.getOutcome()) && e.getTimestamp().isBefore(cutoff)).toList();
        long called = promised.stream().filter(p -> byCustomer.get(p.getCustomerId()).stream().anyMatch(e -> e.getDirection() == Direction.OUTBOUND
                && e.getKind() == InteractionKind.CALL && p.getCaseId().equals(e.getCaseId()) && e.getTimestamp().isAfter(p.getTimestamp()))).count();
        double share = (double) called / promised.size();
        System.out.printf("callbacks made for %d of %d promises (%.2f)%n", called, promised.size(), share);
        assertThat(promised).hasSizeGreaterThan(200);
        assertThat(share).isBetween(0.7, 0.95);
    }

    @Test
    void marketingRarelyReachesACustomerMailedWithinADay() {
        double repeat = shareWithinOfPrevious(e -> e.getTags().contains("marketing"), Duration.ofHours(24));
        System.out.printf("marketing mails within 24 h of the previous one: %.3f%n", repeat);
        assertThat(repeat).isLessThan(0.1);
    }

    @Test
    void surveysMostlyRespectATwelveHourCoolDown() {
        double repeat = shareWithinOfPrevious(e -> e.getKind() == InteractionKind.SURVEY, Duration.ofHours(12));
        System.out.printf("surveys within 12 h of the previous one: %.3f%n", repeat);
        assertThat(repeat).isLessThan(0.4);
    }

    @Test
    void retentionCallsMostlySkipCustomersWhoseLastConversationLeftACaseOpen() {
        long calls = 0, open = 0;
        for (List<Interaction> events : byCustomer.values()) {
            Interaction last = null;
            for (Interaction e : events) {
                if (e.getDirection() == Direction.OUTBOUND && e.getTags().contains("retention") && last != null) {
                    calls++;
                    if (!"resolved".equals(last.getOutcome())) open++;
                }
                if (e.getDirection() == Direction.INBOUND && e.getCaseId() != null && e.getOutcome() != null) last = e;
            }
        }
        double share = (double) open / calls;
        System.out.printf("retention calls to customers with an open case: %d of %d (%.2f)%n", open, calls, share);
        assertThat(calls).isGreaterThan(50);
        assertThat(share).isLessThan(0.25);
    }

    /** Of the events matching, the share that follow the same customer's previous matching event within {@code gap}. */
    private static double shareWithinOfPrevious(Predicate<Interaction> which, Duration gap) {
        long n = 0, close = 0;
        for (List<Interaction> events : byCustomer.values()) {
            Instant prev = null;
            for (Interaction e : events) {
                if (!which.test(e)) continue;
                n++;
                if (prev != null && Duration.between(prev, e.getTimestamp()).compareTo(gap) < 0) close++;
                prev = e.getTimestamp();
            }
        }
        assertThat(n).as("matching events").isGreaterThan(100);
        return (double) close / n;
    }
}
