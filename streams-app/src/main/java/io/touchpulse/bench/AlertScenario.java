package io.touchpulse.bench;

import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Touchpoints;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the alert phase simulates: an hour of history (baselines need 30 one-minute windows), then a live stretch in
 * which six incidents on six segment × touchpoints start a few minutes apart and come back every 50 minutes, so
 * alerts fire, escalate and resolve on several touchpoints at once: a few dozen transitions in a couple of minutes
 * at 60x. Simulated time is yesterday from 10:00 UTC (busy hours of the daily curve, always in the past, so event
 * validation needs no extra allowance whatever the speed).
 */
record AlertScenario(SimConfig sim, Instant liveStart, Duration history, Duration live, double speed) {
    static final Duration HISTORY = Duration.ofHours(1);
    static final Duration FIRST_INCIDENT = Duration.ofMinutes(2);
    static final Duration INCIDENT_SPACING = Duration.ofMinutes(3);
    static final Duration REPEAT = Duration.ofMinutes(50);

    /** Wall-clock length of the live stretch. */
    Duration liveWall() {
        return Duration.ofMillis(Math.round(live.toMillis() / speed));
    }

    static AlertScenario of(AlertBenchSettings s, long seed) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).plus(Duration.ofHours(10));
        Instant live = start.plus(HISTORY);
        List<Incident> incidents = new ArrayList<>();
        List<Incident> kinds = incidents();
        for (int i = 0; i < kinds.size(); i++) {
            Incident k = kinds.get(i);
            incidents.add(k.at(HISTORY.plus(FIRST_INCIDENT).plus(INCIDENT_SPACING.multipliedBy(i)), Incident.DEFAULT_DURATION, REPEAT));
        }
        return new AlertScenario(new SimConfig(seed, start, s.customers(), s.eventsPerSecond(), incidents), live, HISTORY, s.live(), s.speed());
    }

    /** The four catalogue incidents and two more of the same kinds elsewhere (each on its own segment × touchpoint). */
    static List<Incident> incidents() {
        Map<String, Incident> c = Incident.catalog();
        Incident surge = c.get("checkout-5xx");
        Incident complaints = c.get("billing-fee-complaints");
        return List.of(surge, c.get("search-zero-results"), complaints, c.get("login-outage"),
                new Incident("mobile-app-5xx", "consumer", Touchpoints.MOBILE_APP, Duration.ZERO, Incident.DEFAULT_DURATION, null,
                        surge.effect(), surge.intensity()),
                new Incident("support-chat-complaints", "premium", Touchpoints.SUPPORT_CHAT, Duration.ZERO, Incident.DEFAULT_DURATION, null,
                        complaints.effect(), complaints.intensity()));
    }

    /** "name segment×touchpoint +offset", for the report. */
    List<String> describe() {
        return sim.incidents().stream().map(i -> i.name() + " " + i.segment() + "×" + i.touchpoint() + " at live+"
                + i.startOffset().minus(history).toMinutes() + "m every " + i.repeatEvery().toMinutes() + "m").toList();
    }
}
