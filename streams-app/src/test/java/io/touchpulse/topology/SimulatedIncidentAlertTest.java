package io.touchpulse.topology;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test on the real topology fed by the simulator: after an hour of history,
 * each scripted incident fires an alert for its own segment × touchpoint within two windows of its
 * start and resolves after it ends; nothing else fires; and a quiet run fires nothing at all.
 */
class SimulatedIncidentAlertTest {
    private static final Duration HISTORY = Duration.ofHours(1);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant LIVE = PipelineDriver.T0.plus(HISTORY);

    /** Runs the simulator for {@code live} after the history and returns every alert transition. */
    private static List<Alert> simulate(List<Incident> incidents, Duration live) {
        List<Incident> shifted = incidents.stream().map(i -> i.at(i.startOffset().plus(HISTORY), i.duration(), i.repeatEvery())).toList();
        SimConfig config = new SimConfig(42, PipelineDriver.T0, 3000, 40, shifted);
        try (PipelineDriver d = new PipelineDriver(Map.of("validation.max-future-skew", "3650d"))) {
            Simulator sim = new Simulator(config);
            EventSink sink = d.simulatorSink();
            sim.emitProfiles(sink);
            sim.advance(HISTORY.plus(live), sink);
            return d.alerts.readValuesToList();
        }
    }

    @Test
    void eachIncidentFiresForItsTouchpointWithinTwoWindowsAndResolves() {
        List<Incident> incidents = Incident.defaultSchedule();
        Duration live = Duration.ofMinutes(80);
        List<Alert> alerts = simulate(incidents, live);
        alerts.forEach(a -> System.out.printf("%s %s %s %s starts %s ends %s%n", a.getStatus(), a.getSeverity(), a.getFingerprint(),
                a.getSummary(), a.getStartsAt(), a.getEndsAt()));

        List<String> incidentKeys = new ArrayList<>();
        for (Incident i : incidents) {
            Instant start = LIVE.plus(i.startOffset());
            Instant end = start.plus(i.duration());
            incidentKeys.add(i.segment() + "|" + i.touchpoint());
            List<Alert> own = alerts.stream().filter(a -> a.getSegment().equals(i.segment()) && a.getTouchpoint().equals(i.touchpoint())).toList();
            assertThat(own).as(i.name()).anySatisfy(a -> {
                assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
                assertThat(a.getStartsAt()).isAfter(start).isBeforeOrEqualTo(start.plus(WINDOW.multipliedBy(2)));
            });
            System.out.printf("%s: first alert %s after the start%n", i.name(), own.stream().map(Alert::getStartsAt).min(Instant::compareTo)
                    .map(t -> Duration.between(start, t)).orElse(null));
            assertThat(own).as(i.name() + " resolves after it ends")
                    .anySatisfy(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED))
                    .filteredOn(a -> a.getStatus() == AlertStatus.RESOLVED)
                    .allSatisfy(a -> assertThat(a.getEndsAt()).isAfter(end));
        }
        assertThat(alerts).as("alerts for touchpoints without an incident")
                .allMatch(a -> incidentKeys.contains(a.getSegment() + "|" + a.getTouchpoint()));
    }

    @Test
    void aQuietHourFiresNothing() {
        assertThat(simulate(List.of(), Duration.ofMinutes(60))).isEmpty();
    }
}
