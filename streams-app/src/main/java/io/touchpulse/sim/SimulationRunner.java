package io.touchpulse.sim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces a {@link Simulator} against the wall clock: simulated time runs {@code speed} times faster than real time
 * (speed &lt;= 0 = as fast as possible); stops after {@code duration} of wall time (null = until stopped or interrupted).
 * Simulated time before {@code paceFrom} is history: produced as fast as possible, then pacing starts.
 * The only place that reads the wall clock, so the simulator itself stays deterministic.
 */
public final class SimulationRunner implements Runnable {
    /** Simulated time generated per tick when paced; small enough for smooth output at any speed. */
    private static final long TICK_WALL_NANOS = 50_000_000L;
    private static final Duration FAST_STEP = Duration.ofSeconds(10);

    private final Simulator sim;
    private final EventSink sink;
    private final double speed;
    private final Duration duration;
    private final java.time.Instant paceFrom;
    private final AtomicLong emitted = new AtomicLong();
    private volatile boolean stopped;

    public SimulationRunner(Simulator sim, EventSink sink, double speed, Duration duration) {
        this(sim, sink, speed, duration, null);
    }

    /** @param paceFrom simulated instant until which events are produced unpaced (history); null = pace from the start */
    public SimulationRunner(Simulator sim, EventSink sink, double speed, Duration duration, java.time.Instant paceFrom) {
        this.paceFrom = paceFrom;
        this.sim = sim;
        this.sink = new CountingSink(sink, emitted);
        this.speed = speed;
        this.duration = duration;
    }

    @Override
    public void run() {
        while (paceFrom != null && sim.now().isBefore(paceFrom) && !stopped && !Thread.currentThread().isInterrupted()) {
            Duration left = Duration.between(sim.now(), paceFrom);
            sim.advance(left.compareTo(FAST_STEP) < 0 ? left : FAST_STEP, sink);
        }
        long t0 = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : t0 + duration.toNanos();
        long simStart = sim.now().toEpochMilli();
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (now >= deadline) break;
            if (speed <= 0) {
                sim.advance(FAST_STEP, sink);
                continue;
            }
            // simulated time that should have elapsed by now; catch up in one step, then sleep a tick
            long targetSimMs = simStart + (long) ((now - t0) / 1_000_000.0 * speed);
            long behind = targetSimMs - sim.now().toEpochMilli();
            if (behind > 0) sim.advance(Duration.ofMillis(behind), sink);
            long sleepNanos = Math.min(TICK_WALL_NANOS, deadline - System.nanoTime());
            if (sleepNanos <= 0) break;
            try {
                Thread.sleep(sleepNanos / 1_000_000L, (int) (sleepNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    /** Web, search and interaction events delivered to the sink so far (profiles not counted). */
    public long eventsEmitted() {
        return emitted.get();
    }

    private record CountingSink(EventSink delegate, AtomicLong count) implements EventSink {
        @Override
        public void profile(String key, io.touchpulse.schema.CustomerProfile p) {
            delegate.profile(key, p);
        }

        @Override
        public void webTraffic(String key, io.touchpulse.schema.WebTraffic e) {
            delegate.webTraffic(key, e);
            count.incrementAndGet();
        }

        @Override
        public void search(String key, io.touchpulse.schema.SearchEvent e) {
            delegate.search(key, e);
            count.incrementAndGet();
        }

        @Override
        public void interaction(String key, io.touchpulse.schema.Interaction e) {
            delegate.interaction(key, e);
            count.incrementAndGet();
        }
    }
}
