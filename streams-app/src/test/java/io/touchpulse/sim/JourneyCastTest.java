package io.touchpulse.sim;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.JourneyIssueType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripted journey cast and its control group, checked against the rules table of docs/journeys.md. */
class JourneyCastTest {
    static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
    /** Like the demo: an hour of history, then the live start where the first cohort begins. */
    static final Duration LIVE = Duration.ofHours(1);
    static final Duration RUN = LIVE.plus(Duration.ofMinutes(110));
    static final SimConfig CFG = new SimConfig(7, START, 2000, 12, List.of(), true, LIVE);
    static RecordingSink sink;
    static JourneyCast cast;
    static Map<String, List<Interaction>> byCustomer;

    @BeforeAll
    static void simulate() {
        Simulator sim = new Simulator(CFG);
        sink = new RecordingSink();
        sim.emitProfiles(sink);
        sim.advance(RUN, sink);
        cast = sim.journeyCast();
        byCustomer = sink.interactions.stream().collect(Collectors.groupingBy(Interaction::getCustomerId));
    }

    @Test
    void everyTypeHasThreeCastAndThreeControlCustomersPerHourlyCohortAllDistinctAndProfiled() {
        Set<String> types = Arrays.stream(JourneyIssueType.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(cast.cast().keySet()).isEqualTo(types);
        assertThat(cast.control().keySet()).isEqualTo(types);
        assertThat(cast.cohorts()).as("2000 customers: at most 20% scripted").isEqualTo(11);
        assertThat(cast.cohortStarts().get(0)).isEqualTo(START.plus(LIVE));
        assertThat(cast.cohortStarts().get(1)).isEqualTo(START.plus(LIVE).plus(JourneyCast.COHORT_EVERY));
        List<String> everyone = new ArrayList<>();
        cast.cast().values().forEach(everyone::addAll);
        cast.control().values().forEach(everyone::addAll);
        assertThat(everyone).hasSize(11 * 6 * 2 * JourneyCast.PER_TYPE).doesNotHaveDuplicates();
        assertThat(everyone).allMatch(sink.profiles::containsKey);
        String loyalty = JourneyIssueType.LOYALTY_PENALTY.name();
        assertThat(cast.cast().get(loyalty)).allMatch(c -> sink.profiles.get(c).getTenureMonths() >= 24);
        for (int k = 0; k < cast.cohorts(); k++) {
            List<String> control = cast.control(loyalty, k);
            assertThat(sink.profiles.get(control.get(0)).getTenureMonths()).isLessThanOrEqualTo(3);
            assertThat(sink.profiles.get(control.get(1)).getTenureMonths()).isGreaterThanOrEqualTo(24);
            assertThat(sink.profiles.get(control.get(2)).getTenureMonths()).isGreaterThanOrEqualTo(24);
        }
        assertThat(cast.roleOf(cast.cast(loyalty, 1).get(2))).isEqualTo("cast LOYALTY_PENALTY #1");
        assertThat(cast.roleOf("C0")).isNull();
    }

    @Test
    void eachCastCustomerShowsExactlyItsPatternWithinTwentyMinutesOfItsCohortStartInTheFirstTwoCohorts() {
        for (int k = 0; k < 2; k++) {
            Instant from = cast.cohortStarts().get(k), to = from.plus(JourneyCast.SPAN);
            for (JourneyIssueType type : JourneyIssueType.values()) {
                List<String> customers = cast.cast(type.name(), k);
                for (int v = 0; v < customers.size(); v++) {
                    String c = customers.get(v);
                    List<Interaction> events = byCustomer.getOrDefault(c, List.of());
                    String what = type + " variant " + v + " cohort " + k + " " + c + ": " + events;
                    assertThat(events).as(what).hasSize(CastScripts.of(type).get(v).steps().size())
                            .allMatch(e -> !e.getTimestamp().isBefore(from) && e.getTimestamp().isBefore(to));
                    assertThat(JourneyPatterns.of(events, tenure(c), to)).as(what).containsExactly(type);
                }
            }
        }
    }

    @Test
    void controlCustomersGetTheirNearMissesAndNoPattern() {
        for (int k = 0; k < 2; k++) {
            Instant from = cast.cohortStarts().get(k), to = from.plus(JourneyCast.SPAN);
            for (JourneyIssueType type : JourneyIssueType.values()) {
                List<String> customers = cast.control(type.name(), k);
                for (int v = 0; v < customers.size(); v++) {
                    String c = customers.get(v);
                    List<Interaction> events = byCustomer.getOrDefault(c, List.of());
                    String what = "control " + type + " variant " + v + " cohort " + k + " " + c + ": " + events;
                    assertThat(events).as(what).hasSize(ControlScripts.of(type).get(v).steps().size())
                            .allMatch(e -> !e.getTimestamp().isBefore(from) && e.getTimestamp().isBefore(to));
                    assertThat(JourneyPatterns.of(events, tenure(c), to)).as(what).isEmpty();
                }
            }
        }
    }

    @Test
    void theCastUsesTheVocabularyAndTheElementsEachPatternNeeds() {
        List<Interaction> castEvents = scriptedEvents(cast.cast());
        assertThat(castEvents).allMatch(e -> e.getTags().stream().allMatch(t -> t.equals(t.toLowerCase()) || t.startsWith("due:")));
        assertThat(castEvents).allMatch(e -> e.getTopic() == null || e.getTopic().equals(e.getTopic().toLowerCase()));
        assertThat(castEvents).allMatch(e -> e.getText() == null || (!e.getText().contains("{") && !e.getText().isBlank()));
        Set<String> tags = castEvents.stream().flatMap(e -> e.getTags().stream()).collect(Collectors.toSet());
        assertThat(tags).contains("promise:fee-waiver", "charged:fee", "promise:callback", "promise:visit-cancelled",
                "marketing", "trivial", "retention", "renewal", "loyalty", "offer:new-customer", "offer:retention");
        assertThat(tags).anyMatch(t -> t.startsWith("due:"));
        // the callback deadline falls inside the cohort's span, and nothing but the customer's chase follows it
        for (int k = 0; k < 2; k++) {
            String c = cast.cast(JourneyIssueType.BROKEN_PROMISE.name(), k).get(1);
            Instant due = byCustomer.get(c).get(0).getTags().stream().filter(t -> t.startsWith("due:"))
                    .map(t -> Instant.parse(t.substring(4))).findFirst().orElseThrow();
            assertThat(due).isBetween(cast.cohortStarts().get(k), cast.cohortStarts().get(k).plus(JourneyCast.SPAN));
            assertThat(byCustomer.get(c).get(1).getTimestamp()).isAfter(due);
        }
        // the loyalty-penalty cast asks for the new-customer offer in words, is refused it, and is offered retention only after a cancel request
        List<Interaction> lp = byCustomer.get(cast.cast(JourneyIssueType.LOYALTY_PENALTY.name(), 0).get(0));
        assertThat(JourneyPatterns.asksNewCustomerOffer(lp.get(0).getText())).as(lp.get(0).getText()).isTrue();
        assertThat(lp.get(0).getTags()).doesNotContain("offer:new-customer");
        Interaction refused = byCustomer.get(cast.cast(JourneyIssueType.LOYALTY_PENALTY.name(), 0).get(1)).get(0);
        assertThat(refused.getOutcome()).isEqualTo("refused");
        assertThat(refused.getTags()).contains("offer:new-customer");
    }

    @Test
    void scriptedCustomersHaveNoBackgroundActivityAtAllAndLaterCohortsAreStillAhead() {
        Set<String> scripted = new HashSet<>();
        cast.cast().values().forEach(scripted::addAll);
        cast.control().values().forEach(scripted::addAll);
        assertThat(sink.web).noneMatch(e -> scripted.contains(e.getCustomerId()));
        assertThat(sink.searches).noneMatch(e -> scripted.contains(e.getCustomerId()));
        Instant end = START.plus(RUN);
        Map<String, Integer> expected = new HashMap<>();
        for (JourneyIssueType type : JourneyIssueType.values())
            for (int k = 0; k < cast.cohorts(); k++)
                for (int v = 0; v < JourneyCast.PER_TYPE; v++) {
                    boolean played = cast.cohortStarts().get(k).plus(JourneyCast.SPAN).isBefore(end);
                    expected.put(cast.cast(type.name(), k).get(v), played ? CastScripts.of(type).get(v).steps().size() : 0);
                    expected.put(cast.control(type.name(), k).get(v), played ? ControlScripts.of(type).get(v).steps().size() : 0);
                }
        for (String c : scripted) assertThat(byCustomer.getOrDefault(c, List.of())).as(c).hasSize(expected.get(c));
        // the history hour before the live start has no scripted events
        assertThat(sink.interactions).filteredOn(e -> scripted.contains(e.getCustomerId()))
                .allMatch(e -> !e.getTimestamp().isBefore(START.plus(LIVE)));
    }

    @Test
    void switchedOffThereIsNoCastAndEveryCustomerMayActRandomly() {
        Simulator off = new Simulator(CFG.withJourneys(false));
        assertThat(off.journeyCast().cohorts()).isZero();
        assertThat(off.journeyCast().cast()).isEmpty();
        assertThat(new Simulator(CFG.withCustomers(50)).journeyCast().cohorts()).as("too few customers for a cohort").isZero();
    }

    @Test
    void theCastIsTheSameForTheSameSeedAndDiffersForAnother() {
        assertThat(new Simulator(CFG).journeyCast()).isEqualTo(cast);
        assertThat(new Simulator(CFG.withSeed(8)).journeyCast().cast()).isNotEqualTo(cast.cast());
    }

    private static Integer tenure(String customerId) {
        CustomerProfile p = sink.profiles.get(customerId);
        return p == null ? null : p.getTenureMonths();
    }

    private static List<Interaction> scriptedEvents(Map<String, List<String>> who) {
        Set<String> ids = new HashSet<>();
        who.values().forEach(ids::addAll);
        return sink.interactions.stream().filter(e -> ids.contains(e.getCustomerId())).toList();
    }
}
