package io.touchpulse.topology;

import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.sim.JourneyCast;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's acceptance test for journeys, on the real topology fed by the simulator: after an hour of history, every
 * journey issue type is found for the customers the simulator scripted for it, and never for the control group whose
 * journeys are near misses; what the customer stage publishes about them is consistent.
 */
class SimulatedJourneysTest {
    private static final Duration HISTORY = Duration.ofHours(1);
    private static JourneyCast cast;
    private static List<JourneyIssue> issues;
    private static Map<String, CustomerRisk> latestRisk;

    @BeforeAll
    static void simulate() {
        SimConfig config = new SimConfig(42, PipelineDriver.T0, 3000, 40, List.of(), true, HISTORY);
        try (PipelineDriver d = new PipelineDriver(Map.of("validation.max-future-skew", "3650d"))) {
            Simulator sim = new Simulator(config);
            sim.emitProfiles(d.simulatorSink());
            // one cohort's 20 minutes, plus time for stream-time deadline scans to pass the last deadline
            sim.advance(HISTORY.plus(JourneyCast.SPAN).plusMinutes(5), d.simulatorSink());
            cast = sim.journeyCast();
            issues = d.journeyIssues.readValuesToList();
            latestRisk = new HashMap<>();
            d.risk.readValuesToList().forEach(r -> latestRisk.put(r.getCustomerId(), r));
        }
        System.out.printf("%d journey issues in %s of simulated time: %s%n", issues.size(), HISTORY.plus(JourneyCast.SPAN).plusMinutes(5),
                issues.stream().collect(Collectors.groupingBy(i -> i.getType().name(), java.util.TreeMap::new, Collectors.counting())));
    }

    @Test
    void everyTypeIsFoundForEachScriptedCustomerOfTheFirstCohort() {
        List<String> missing = new java.util.ArrayList<>();
        for (JourneyIssueType type : JourneyIssueType.values()) {
            for (String customer : cast.cast(type.name(), 0)) {
                if (issues.stream().noneMatch(i -> i.getCustomerId().equals(customer) && i.getType() == type
                        && !i.getEvidence().isEmpty() && !i.getSuggestedAction().isBlank())) {
                    missing.add(type + " for " + customer);
                }
            }
        }
        assertThat(missing).as("scripted journeys not found").isEmpty();
    }

    @Test
    void noIssueForTheControlGroup() {
        Set<String> control = cast.control().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(issues).as("issues for control customers").noneMatch(i -> control.contains(i.getCustomerId()));
    }

    @Test
    void scriptedCustomersShowOnlyTheirOwnPattern() {
        for (JourneyIssueType type : JourneyIssueType.values()) {
            for (String customer : cast.cast(type.name(), 0)) {
                assertThat(issues).filteredOn(i -> i.getCustomerId().equals(customer))
                        .as("issues of %s (cast %s)", customer, type).allMatch(i -> i.getType() == type);
            }
        }
    }

    @Test
    void eachIssueIsPublishedOnce() {
        assertThat(issues).extracting(JourneyIssue::getIssueId).doesNotHaveDuplicates();
    }

    @Test
    void brokenPromisesRaiseTheCustomersRiskWithThatDriver() {
        for (String customer : cast.cast(JourneyIssueType.BROKEN_PROMISE.name(), 0)) {
            assertThat(latestRisk).containsKey(customer);
            assertThat(latestRisk.get(customer).getDrivers()).extracting(r -> r.getName()).contains("broken_promise");
        }
    }
}
