package io.touchpulse.topology;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.touchpulse.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, replay: simulated history fed (a) as a backlog, all at once, and (b) "live", one simulated minute at a time
 * with the wall clock moving past {@code watermark.idle-timeout} between minutes, so the input partition goes idle and
 * resumes every minute (the idle path: open panes handed to the merger early, then completed by later partial panes).
 * The final health windows must be identical, field for field. CI: 1 simulated hour (the machine is shared); {@code -Dtouchpulse.faults.full=true}: a day.
 * (TopologyTestDriver has one partition per topic; partitions drifting apart are BadInputEndToEndTest's and
 * HealthWindowMergerTest's.)
 */
class ReplayEquivalenceTest {
    private static final boolean FULL = Boolean.getBoolean("touchpulse.faults.full");
    private static final Duration SPAN = FULL ? Duration.ofHours(24) : Duration.ofHours(1);

    /** One generated record, replayable into any driver. */
    private record Event(Instant at, Consumer<PipelineDriver> pipe) {
    }

    @Test
    void replayingABacklogGivesTheSameHealthWindowsAsProcessingItLive() {
        List<CustomerProfile> profiles = new ArrayList<>();
        List<Event> history = new ArrayList<>();
        Instant start = T0.minus(SPAN);
        Simulator sim = new Simulator(new SimConfig(11, start, 3000, 3, Incident.named(List.of("checkout-5xx"), SPAN.dividedBy(2))));
        EventSink sink = new EventSink() {
            public void profile(String key, CustomerProfile p) {
                profiles.add(p);
            }

            public void webTraffic(String key, WebTraffic e) {
                history.add(new Event(e.getTimestamp(), d -> d.web.pipeInput(key, e, e.getTimestamp())));
            }

            public void search(String key, SearchEvent e) {
                history.add(new Event(e.getTimestamp(), d -> d.search.pipeInput(key, e, e.getTimestamp())));
            }

            public void interaction(String key, Interaction e) {
                history.add(new Event(e.getTimestamp(), d -> d.interactions.pipeInput(key, e, e.getTimestamp())));
            }
        };
        sim.emitProfiles(sink);
        sim.advance(SPAN, sink);

        long t0 = System.nanoTime();
        Run backlog = run(profiles, history, false);
        long t1 = System.nanoTime();
        Run live = run(profiles, history, true);
        long t2 = System.nanoTime();
        System.out.printf("replay equivalence: %d events over %s, %d windows; backlog %.1f s, live %.1f s%n",
                history.size(), SPAN, backlog.windows().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        assertThat(backlog.windows()).hasSizeGreaterThan((int) SPAN.toMinutes());
        assertThat(backlog.windows().stream().mapToLong(TouchpointHealth::getEvents).sum()).isGreaterThan(history.size());
        assertThat(live.windows()).hasSameSizeAs(backlog.windows());
        for (int i = 0; i < backlog.windows().size(); i++) {
            assertThat(live.windows().get(i).toString()).as("window %d", i).isEqualTo(backlog.windows().get(i).toString());
        }
        assertThat(live.late()).isEqualTo(backlog.late()).isZero();
    }

    private record Run(List<TouchpointHealth> windows, double late) {
    }

    private static Run run(List<CustomerProfile> profiles, List<Event> history, boolean live) {
        try (PipelineDriver d = new PipelineDriver(Map.of("watermark.idle-timeout", "10s"))) {
            profiles.forEach(p -> d.profiles.pipeInput(p.getCustomerId(), p));
            long minute = Long.MIN_VALUE;
            for (Event e : history) {
                long m = e.at().toEpochMilli() / 60_000;
                if (live && m != minute) {
                    // a simulated minute has gone by: long enough on the wall clock for the partition to be idle
                    d.driver.advanceWallClockTime(Duration.ofSeconds(11));
                    minute = m;
                }
                e.pipe().accept(d);
            }
            List<TouchpointHealth> windows = new ArrayList<>(d.healthValues());
            windows.sort(Comparator.comparing((TouchpointHealth h) -> h.getWindowEnd()).thenComparing(TouchpointHealth::getSegment)
                    .thenComparing(TouchpointHealth::getTouchpoint));
            double late = d.metrics.registry().find("touchpulse_late_events").counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
            return new Run(windows, late);
        }
    }
}
