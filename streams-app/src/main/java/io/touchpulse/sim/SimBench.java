package io.touchpulse.sim;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.time.Duration;
import java.time.Instant;

/**
 * Measures raw generation speed on one core (no Kafka): {@code java -cp touchpulse.jar io.touchpulse.sim.SimBench [events]}.
 * Warms up first, then prints events/s; a benchmark, not a test.
 */
public final class SimBench {
    private SimBench() {
    }

    public static void main(String[] args) {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        run(target / 3);
        long[] r = run(target);
        System.out.printf("{\"sim_events\": %d, \"sim_events_per_s\": %.0f, \"simulated_hours\": %.1f}%n",
                r[0], r[0] / (r[1] / 1e9), r[2] / 3_600_000.0);
    }

    /** Returns {events, wall nanos, simulated millis}. */
    static long[] run(long events) {
        SimConfig cfg = new SimConfig(7, Instant.parse("2025-03-03T00:00:00Z"), 50_000, 2000, Incident.defaultSchedule());
        Simulator sim = new Simulator(cfg);
        long[] n = new long[1];
        EventSink sink = new EventSink() {
            public void profile(String k, CustomerProfile p) { }
            public void webTraffic(String k, WebTraffic e) { n[0]++; }
            public void search(String k, SearchEvent e) { n[0]++; }
            public void interaction(String k, Interaction e) { n[0]++; }
        };
        long t0 = System.nanoTime();
        Instant start = sim.now();
        while (n[0] < events) sim.advance(Duration.ofSeconds(10), sink);
        return new long[]{n[0], System.nanoTime() - t0, sim.now().toEpochMilli() - start.toEpochMilli()};
    }
}
