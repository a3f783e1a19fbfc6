package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One simulated quiet day (no incidents): shape and content of the normal traffic. */
class SimulatorRealismTest {
    static final List<String> SEGMENTS = List.of("consumer", "small-business", "premium", "new");
    static RecordingSink day;
    static long[] perHour = new long[24];

    @BeforeAll
    static void simulateOneDay() {
        SimConfig cfg = new SimConfig(11, Instant.parse("2025-03-03T00:00:00Z"), 5000, 30, List.of());
        Simulator sim = new Simulator(cfg);
        day = new RecordingSink();
        sim.emitProfiles(day);
        for (int h = 0; h < 24; h++) {
            int before = day.events();
            sim.advance(Duration.ofHours(1), day);
            perHour[h] = day.events() - before;
        }
        System.out.println("events per UTC hour: " + Arrays.toString(perHour) + ", total " + day.events());
    }

    @Test
    void profilesCoverFourSegmentsWithDifferentSizesTiersTenureAndValue() {
        Map<String, List<io.touchpulse.schema.CustomerProfile>> bySeg = day.profiles.values().stream()
                .collect(Collectors.groupingBy(p -> p.getSegment()));
        assertThat(bySeg.keySet()).containsExactlyInAnyOrderElementsOf(SEGMENTS);
        assertThat(day.profiles).hasSize(5000);
        assertThat(bySeg.get("consumer").size()).isGreaterThan(bySeg.get("small-business").size());
        assertThat(bySeg.get("small-business").size()).isGreaterThan(bySeg.get("premium").size());
        double premiumLtv = bySeg.get("premium").stream().mapToDouble(p -> p.getLifetimeValue()).average().orElseThrow();
        double consumerLtv = bySeg.get("consumer").stream().mapToDouble(p -> p.getLifetimeValue()).average().orElseThrow();
        assertThat(premiumLtv).isGreaterThan(10 * consumerLtv);
        assertThat(bySeg.get("new")).allMatch(p -> p.getTenureMonths() <= 3);
        assertThat(bySeg.get("premium")).allMatch(p -> Set.of("gold", "platinum").contains(p.getTier()));
    }

    @Test
    void everySegmentReachesEveryTouchpointAndUnknownCustomersExist() {
        Map<String, Set<String>> seen = new HashMap<>();
        for (WebTraffic e : day.web) seen.computeIfAbsent(day.segmentOf(e.getCustomerId()), k -> new HashSet<>()).add(e.getTouchpoint());
        for (SearchEvent e : day.searches) seen.computeIfAbsent(day.segmentOf(e.getCustomerId()), k -> new HashSet<>()).add(e.getTouchpoint());
        for (Interaction e : day.interactions) seen.computeIfAbsent(day.segmentOf(e.getCustomerId()), k -> new HashSet<>()).add(e.getTouchpoint());
        for (String s : SEGMENTS) assertThat(seen.get(s)).as(s).containsExactlyInAnyOrderElementsOf(Touchpoints.ALL);
        assertThat(day.web).anyMatch(e -> e.getCustomerId() == null && e.getSessionId() != null);
        assertThat(day.searches).anyMatch(e -> e.getCustomerId() == null);
        long noProfile = day.interactions.stream().filter(e -> !day.profiles.containsKey(e.getCustomerId())).count();
        assertThat((double) noProfile / day.interactions.size()).isBetween(0.005, 0.08);
    }

    @Test
    void volumeFollowsTheDayNightLowAndDaytimePeaks() {
        assertThat(perHour[3]).isLessThan(perHour[11] / 5);
        assertThat(perHour[11]).isGreaterThan(perHour[14] * 9 / 10);
        assertThat(perHour[20]).isGreaterThan(perHour[23] * 2);
        double peakPerSecond = perHour[11] / 3600.0;
        assertThat(peakPerSecond).as("events/s around the 11:00 peak vs configured 30").isBetween(30 * 0.8, 30 * 1.2);
    }

    @Test
    void httpStatusesAndLatenciesLookLikeAHealthySite() {
        long n = day.web.size();
        long ok = day.web.stream().filter(e -> e.getHttpStatus() == 200 || e.getHttpStatus() == 304).count();
        long c4 = day.web.stream().filter(e -> e.getHttpStatus() >= 400 && e.getHttpStatus() < 500).count();
        long c5 = day.web.stream().filter(e -> e.getHttpStatus() >= 500 || e.getHttpStatus() == 0).count();
        assertThat((double) ok / n).isGreaterThan(0.95);
        assertThat((double) c4 / n).isBetween(0.005, 0.05);
        assertThat((double) c5 / n).isBetween(0.001, 0.02);
        assertThat(day.web).anyMatch(e -> e.getHttpStatus() == 304).anyMatch(WebTraffic::getAbandoned);
        assertThat(median(day.web, Touchpoints.CHECKOUT)).isGreaterThan(median(day.web, Touchpoints.HOME) * 2);
        assertThat(day.web.stream().map(WebTraffic::getChannel).collect(Collectors.toSet())).containsExactlyInAnyOrder("web", "mobile-app");
    }

    @Test
    void searchesAreVariedWithSomeZeroResultsTyposAndReformulations() {
        Set<String> queries = day.searches.stream().map(SearchEvent::getQuery).collect(Collectors.toSet());
        assertThat(queries.size()).isGreaterThan(500);
        assertThat(queries).anyMatch(q -> q.contains(" ")).contains("cancel contract", "iphone 15");
        double zero = day.searches.stream().filter(e -> e.getResultCount() == 0).count() / (double) day.searches.size();
        assertThat(zero).isBetween(0.02, 0.15);
        assertThat(day.searches).anyMatch(SearchEvent::getReformulated);
    }

    @Test
    void interactionsCoverKindsSurveysOutcomesAndMarketing() {
        Set<InteractionKind> kinds = day.interactions.stream().map(Interaction::getKind).collect(Collectors.toSet());
        assertThat(kinds).contains(InteractionKind.CALL, InteractionKind.CHAT, InteractionKind.EMAIL, InteractionKind.SURVEY,
                InteractionKind.VERBATIM, InteractionKind.SOCIAL);
        assertThat(day.interactions).anyMatch(e -> e.getDirection() == Direction.OUTBOUND && e.getTags().contains("marketing"));
        Set<Integer> csat = day.interactions.stream().map(Interaction::getCsat).filter(c -> c != null).collect(Collectors.toSet());
        Set<Integer> nps = day.interactions.stream().map(Interaction::getNps).filter(c -> c != null).collect(Collectors.toSet());
        assertThat(csat).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        // the whole scale in use; a single 0 in a simulated day is chance, so either extreme of the detractors will do
        assertThat(nps).allMatch(n -> n >= 0 && n <= 10).hasSizeGreaterThanOrEqualTo(10).contains(10, 9, 5, 2);
        assertThat(nps).containsAnyOf(0, 1);
        assertThat(day.interactions).anyMatch(e -> e.getWaitSec() != null && e.getOutcome() != null && e.getCaseId() != null
                && e.getTopic() != null && e.getTags().contains("complaint"));
        long calls = day.interactions.stream().filter(e -> e.getKind() == InteractionKind.CALL && e.getDirection() == Direction.INBOUND).count();
        long complaints = day.interactions.stream().filter(e -> e.getTags().contains("complaint")).count();
        assertThat((double) complaints / day.interactions.size()).as("baseline dissatisfaction").isBetween(0.05, 0.4);
        assertThat(calls).isPositive();
    }

    @Test
    void npsFollowsTheCustomersExperience() {
        // customers who complained during the day score lower on relationship NPS than those who praised
        Set<String> complainers = day.interactions.stream().filter(e -> e.getTags().contains("complaint"))
                .map(Interaction::getCustomerId).collect(Collectors.toSet());
        double npsComplainers = day.interactions.stream().filter(e -> e.getNps() != null && complainers.contains(e.getCustomerId()))
                .mapToInt(Interaction::getNps).average().orElseThrow();
        double npsOthers = day.interactions.stream().filter(e -> e.getNps() != null && !complainers.contains(e.getCustomerId()))
                .mapToInt(Interaction::getNps).average().orElseThrow();
        assertThat(npsComplainers).isLessThan(npsOthers);
    }

    private static double median(List<WebTraffic> web, String tp) {
        int[] l = web.stream().filter(e -> e.getTouchpoint().equals(tp) && e.getHttpStatus() == 200)
                .mapToInt(WebTraffic::getLatencyMs).sorted().toArray();
        return l[l.length / 2];
    }

    static int hour(Instant t) {
        return t.atOffset(ZoneOffset.UTC).getHour();
    }
}
