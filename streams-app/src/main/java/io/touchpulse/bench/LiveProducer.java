package io.touchpulse.bench;

import io.touchpulse.sim.Simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Feeds the simulator's events to a sink for a wall-clock duration while the pipeline runs, in one of two ways:
 * <ul>
 *   <li>paced: simulated time runs {@code speed} times faster than the wall clock (steps of {@link #TICK_MS}), so the
 *       input rate is the simulator's rate times the speed, as a live source would send it;</li>
 *   <li>saturating (speed 0): as fast as the producer can, but paused while the pipeline's backlog (input records not yet
 *       committed) is above a cap, so the pipeline always has work, and the broker's disk and the JVM's memory stay
 *       bounded however long it runs.</li>
 * </ul>
 * Every step is noted in a {@link SimClock}. The simulator streams: nothing is kept per event.
 */
final class LiveProducer implements Runnable {
    static final long TICK_MS = 10;
    private static final Duration SATURATING_STEP = Duration.ofSeconds(1);
    /** Simulated time must stay this far in the past: validation rejects events from the future. */
    private static final Duration PAST_MARGIN = Duration.ofMinutes(5);

    private final Simulator sim;
    private final BenchSink sink;
    private final double speed;
    private final Duration duration;
    private final LongSupplier committed;
    private final long maxBacklog;
    private final SimClock clock = new SimClock();
    private final AtomicLong events = new AtomicLong();
    private volatile RuntimeException failure;
    private volatile boolean stopped;

    /**
     * @param speed      simulated seconds per wall second; 0 = saturating
     * @param committed  input records the pipeline has committed, as last seen (read by the saturating mode only)
     * @param maxBacklog the saturating mode pauses above this backlog
     */
    LiveProducer(Simulator sim, BenchSink sink, double speed, Duration duration, LongSupplier committed, long maxBacklog) {
        this.sim = sim;
        this.sink = sink;
        this.speed = speed;
        this.duration = duration;
        this.committed = committed;
        this.maxBacklog = maxBacklog;
    }

    @Override
    public void run() {
        try {
            EventCounter counting = new EventCounter(sink, events);
            long t0 = System.currentTimeMillis();
            long simStart = sim.now().toEpochMilli();
            clock.reached(simStart, t0);
            long deadline = t0 + duration.toMillis();
            while (!stopped && System.currentTimeMillis() < deadline) {
                if (speed > 0) {
                    long target = simStart + (long) ((System.currentTimeMillis() - t0) * speed);
                    long behind = target - sim.now().toEpochMilli();
                    if (behind > 0) step(Duration.ofMillis(behind), counting);
                    Thread.sleep(TICK_MS);
                } else if (events.get() - committed.getAsLong() > maxBacklog) {
                    Thread.sleep(TICK_MS);
                } else {
                    step(SATURATING_STEP, counting);
                }
            }
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void step(Duration d, EventCounter counting) {
        if (sim.now().plus(d).isAfter(Instant.now().minus(PAST_MARGIN))) {
            throw new IllegalStateException("simulated time reached " + sim.now() + ", too close to now; use a shorter duration or a lower rate");
        }
        sim.advance(d, counting);
        clock.reached(sim.now().toEpochMilli(), System.currentTimeMillis());
        if (sink.failures() > 0) {
            throw new IllegalStateException(sink.failures() + " events could not be produced: " + sink.lastError());
        }
    }

    void stop() {
        stopped = true;
    }

    SimClock clock() {
        return clock;
    }

    long events() {
        return events.get();
    }

    /** Throws what stopped the producer early, if anything. */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("live producer failed: " + failure.getMessage(), failure);
        }
    }
}
