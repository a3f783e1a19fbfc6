package io.touchpulse.sim;

import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One 80-minute cycle of the default schedule in daytime: each incident must move its metric for its segment ×
 * touchpoint far above the baseline, and leave the other segments and touchpoints alone.
 */
class IncidentEffectTest {
    static final Instant START = Instant.parse("2025-03-04T09:00:00Z");
    static RecordingSink sink;
    static Simulator sim;

    @BeforeAll
    static void simulateOneCycle() {
        sim = new Simulator(new SimConfig(5, START, 5000, 150, Incident.defaultSchedule()));
        sink = new RecordingSink();
        sim.emitProfiles(sink);
        sim.advance(Duration.ofMinutes(80), sink);
    }

    /** Whether the named incident is active at t (minus 1 min of lead-in, quiet = no incident in the last 10 minutes either (late follow-ups)). */
    static boolean during(String name, Instant t) {
        Incident i = Incident.defaultSchedule().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return i.activeAt(Duration.between(START, t));
    }

    static boolean quiet(Instant t) {
        Duration d = Duration.between(START, t);
        return Incident.defaultSchedule().stream().noneMatch(i -> i.activeAt(d) || i.activeAt(d.minusMinutes(10)));
    }

    static double share(List<WebTraffic> events, Predicate<WebTraffic> scope, Predicate<WebTraffic> hit) {
        long n = events.stream().filter(scope).count();
        assertThat(n).as("events in scope").isGreaterThan(100);
        return events.stream().filter(scope).filter(hit).count() / (double) n;
    }

    static boolean is5xx(WebTraffic e) {
        return e.getHttpStatus() >= 500 || e.getHttpStatus() == 0;
    }

    @Test
    void checkout5xxHitsPremiumCheckoutOnly() {
        Predicate<WebTraffic> premiumCheckout = e -> sink.segmentOf(e.getCustomerId()).equals("premium") && e.getTouchpoint().equals("checkout");
        double during = share(sink.web, e -> during("checkout-5xx", e.getTimestamp()) && premiumCheckout.test(e), IncidentEffectTest::is5xx);
        double before = share(sink.web, e -> quiet(e.getTimestamp()) && premiumCheckout.test(e), IncidentEffectTest::is5xx);
        double others = share(sink.web, e -> during("checkout-5xx", e.getTimestamp()) && e.getTouchpoint().equals("checkout")
                && !sink.segmentOf(e.getCustomerId()).equals("premium"), IncidentEffectTest::is5xx);
        double premiumElsewhere = share(sink.web, e -> during("checkout-5xx", e.getTimestamp()) && !e.getTouchpoint().equals("checkout")
                && sink.segmentOf(e.getCustomerId()).equals("premium"), IncidentEffectTest::is5xx);
        System.out.printf("checkout-5xx: premium checkout 5xx %.3f during vs %.3f quiet; other segments %.3f; premium elsewhere %.3f%n",
                during, before, others, premiumElsewhere);
        assertThat(during).isGreaterThan(0.15).isGreaterThan(8 * before);
        assertThat(others).isLessThan(0.03);
        assertThat(premiumElsewhere).isLessThan(0.03);
        double abandonDuring = share(sink.web, e -> during("checkout-5xx", e.getTimestamp()) && premiumCheckout.test(e), WebTraffic::getAbandoned);
        double abandonQuiet = share(sink.web, e -> quiet(e.getTimestamp()) && premiumCheckout.test(e), WebTraffic::getAbandoned);
        assertThat(abandonDuring).isGreaterThan(abandonQuiet * 1.5);
        long angryChats = sink.interactions.stream().filter(i -> during("checkout-5xx", i.getTimestamp())
                && i.getTouchpoint().equals("checkout") && sink.segmentOf(i.getCustomerId()).equals("premium")
                && i.getTags().contains("complaint") && i.getText() != null && i.getText().toLowerCase().contains("pay")).count();
        assertThat(angryChats).isGreaterThan(10);
    }

    @Test
    void searchZeroResultsHitsConsumerSearchOnly() {
        double during = zeroShare(s -> during("search-zero-results", s.getTimestamp()) && sink.segmentOf(s.getCustomerId()).equals("consumer"));
        double quiet = zeroShare(s -> quiet(s.getTimestamp()) && sink.segmentOf(s.getCustomerId()).equals("consumer"));
        double others = zeroShare(s -> during("search-zero-results", s.getTimestamp()) && !sink.segmentOf(s.getCustomerId()).equals("consumer"));
        System.out.printf("search-zero-results: consumer zero share %.3f during vs %.3f quiet; others %.3f%n", during, quiet, others);
        assertThat(during).isGreaterThan(0.3).isGreaterThan(4 * quiet);
        assertThat(others).isLessThan(0.12);
        long reformulatedDuring = sink.searches.stream().filter(s -> during("search-zero-results", s.getTimestamp())
                && sink.segmentOf(s.getCustomerId()).equals("consumer") && s.getReformulated()).count();
        assertThat(reformulatedDuring).isGreaterThan(50);
        assertThat(sink.interactions).anyMatch(i -> during("search-zero-results", i.getTimestamp())
                && i.getTouchpoint().equals("search") && i.getText() != null && i.getText().contains("Nova"));
    }

    @Test
    void billingFeeComplaintsHitSmallBusinessBillingOnly() {
        Predicate<Interaction> sbBilling = i -> i.getTouchpoint().equals("billing") && sink.segmentOf(i.getCustomerId()).equals("small-business");
        double during = complaintsPerMinute(i -> during("billing-fee-complaints", i.getTimestamp()) && sbBilling.test(i), 12);
        double quiet = complaintsPerMinute(i -> quiet(i.getTimestamp()) && sbBilling.test(i), quietMinutes());
        double othersDuring = complaintsPerMinute(i -> during("billing-fee-complaints", i.getTimestamp()) && i.getTouchpoint().equals("billing")
                && !sink.segmentOf(i.getCustomerId()).equals("small-business"), 12);
        double othersQuiet = complaintsPerMinute(i -> quiet(i.getTimestamp()) && i.getTouchpoint().equals("billing")
                && !sink.segmentOf(i.getCustomerId()).equals("small-business"), quietMinutes());
        System.out.printf("billing-fee-complaints: small-business billing complaints/min %.2f during vs %.2f quiet; others %.2f vs %.2f%n",
                during, quiet, othersDuring, othersQuiet);
        assertThat(during).isGreaterThan(4 * quiet);
        assertThat(othersDuring).isLessThan(2 * othersQuiet + 0.2);
        // surveys arrive after the call or chat (queue + talk time + a few minutes), so look 15 minutes past the incident
        Predicate<Interaction> billingWave = i -> during("billing-fee-complaints", i.getTimestamp())
                || during("billing-fee-complaints", i.getTimestamp().minus(Duration.ofMinutes(15)));
        double csatDuring = csat(i -> billingWave.test(i) && sbBilling.test(i));
        double csatQuiet = csat(i -> !billingWave.test(i) && sbBilling.test(i));
        System.out.printf("billing-fee-complaints: small-business billing CSAT %.2f during vs %.2f otherwise%n", csatDuring, csatQuiet);
        assertThat(csatDuring).isLessThan(csatQuiet - 0.5);
        long feeTexts = sink.interactions.stream().filter(i -> during("billing-fee-complaints", i.getTimestamp()) && sbBilling.test(i)
                && i.getText() != null && i.getText().toLowerCase().contains("fee")).count();
        assertThat(feeTexts).isGreaterThan(30);
    }

    @Test
    void activeAtReportsTheScheduledIncidents() {
        assertThat(sim.activeAt(START.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(sim.activeAt(START.plus(Duration.ofMinutes(10)))).extracting(Incident::name).containsExactly("checkout-5xx");
        assertThat(sim.activeAt(START.plus(Duration.ofMinutes(31)))).extracting(Incident::name).containsExactly("search-zero-results");
        assertThat(sim.activeAt(START.plus(Duration.ofMinutes(60)))).extracting(Incident::name).containsExactly("billing-fee-complaints");
        assertThat(sim.activeAt(START.plus(Duration.ofMinutes(90)))).extracting(Incident::name).containsExactly("checkout-5xx");
    }

    private static double zeroShare(Predicate<SearchEvent> scope) {
        long n = sink.searches.stream().filter(scope).count();
        assertThat(n).isGreaterThan(100);
        return sink.searches.stream().filter(scope).filter(s -> s.getResultCount() == 0).count() / (double) n;
    }

    private static double complaintsPerMinute(Predicate<Interaction> scope, double minutes) {
        return sink.interactions.stream().filter(scope).filter(i -> i.getTags().contains("complaint")).count() / minutes;
    }

    private static double csat(Predicate<Interaction> scope) {
        return sink.interactions.stream().filter(scope).filter(i -> i.getCsat() != null).mapToInt(Interaction::getCsat).average().orElse(Double.NaN);
    }

    private static double quietMinutes() {
        int n = 0;
        for (int m = 0; m < 80; m++) if (quiet(START.plus(Duration.ofMinutes(m)).plusSeconds(30))) n++;
        return n;
    }
}
