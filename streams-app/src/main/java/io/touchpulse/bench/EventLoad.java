package io.touchpulse.bench;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes exactly N simulator events (plus all profiles) into a sink, once, so every phase reads the same input.
 * The simulated day starts at 00:00 UTC two days ago at 2000 events/s peak: the quiet night hours make
 * 2M events span a few simulated hours, and every timestamp is in the past (validation rejects the future).
 */
public final class EventLoad {
    static final double PEAK_EVENTS_PER_S = 2000;
    private static final Duration STEP = Duration.ofSeconds(10);

    /** What was written: events (exactly the target), profiles, simulated span, wall seconds of generate+produce+flush. */
    public record Result(long events, long profiles, Instant firstEventTime, Instant simulatedEnd, double seconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    private EventLoad() {
    }

    public static Instant simulatedStart() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    }

    public static Result write(long seed, int customers, long events, BenchSink sink) {
        Instant start = simulatedStart();
        Simulator sim = new Simulator(new SimConfig(seed, start, customers, PEAK_EVENTS_PER_S, Incident.defaultSchedule()));
        Capped capped = new Capped(sink, events);
        long t0 = System.nanoTime();
        sim.emitProfiles(capped);
        while (capped.events < events) {
            sim.advance(STEP, capped);
        }
        sink.flush();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink.failures() > 0) {
            throw new IllegalStateException(sink.failures() + " events could not be produced: " + sink.lastError());
        }
        if (!sim.now().isBefore(Instant.now())) {
            throw new IllegalStateException("generated events reach " + sim.now() + ", in the future; use fewer --events");
        }
        return new Result(capped.events, capped.profiles, start, sim.now(), seconds);
    }

    /** Passes events on until the cap; the simulator emits in time order, so the cut is a point in simulated time. */
    private static final class Capped implements EventSink {
        private final EventSink out;
        private final long cap;
        long events;
        long profiles;

        Capped(EventSink out, long cap) {
            this.out = out;
            this.cap = cap;
        }

        private boolean take() {
            if (events >= cap) return false;
            events++;
            return true;
        }

        @Override
        public void profile(String key, CustomerProfile p) {
            profiles++;
            out.profile(key, p);
        }

        @Override
        public void webTraffic(String key, WebTraffic e) {
            if (take()) out.webTraffic(key, e);
        }

        @Override
        public void search(String key, SearchEvent e) {
            if (take()) out.search(key, e);
        }

        @Override
        public void interaction(String key, Interaction e) {
            if (take()) out.interaction(key, e);
        }
    }
}
