package io.touchpulse.bench;

import java.util.Arrays;

/**
 * When the live producer had handed every event before a simulated instant to the Kafka producer: a list of
 * (simulated time reached, wall clock) pairs, one per producer step, appended by the producer thread and read after
 * it stopped. Turns "window end + grace" (simulated) into the wall-clock instant from which the pipeline had all the
 * input it needed to close that window.
 */
final class SimClock {
    private long[] sim = new long[1024];
    private long[] wall = new long[1024];
    private int size;

    /** Called after a step: every event before {@code simReachedMs} has been sent, at {@code wallMs}. */
    synchronized void reached(long simReachedMs, long wallMs) {
        if (size == sim.length) {
            sim = Arrays.copyOf(sim, size * 2);
            wall = Arrays.copyOf(wall, size * 2);
        }
        sim[size] = simReachedMs;
        wall[size] = wallMs;
        size++;
    }

    /** Wall clock of the first step that reached {@code simMs}, or -1 if none did (or it was reached before the first step). */
    synchronized long wallWhenReached(long simMs) {
        if (size == 0 || simMs <= sim[0] || simMs > sim[size - 1]) {
            return -1;
        }
        int i = Arrays.binarySearch(sim, 0, size, simMs);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && sim[i - 1] == simMs) i--;
        }
        return wall[i];
    }

    synchronized long lastSimMs() {
        return size == 0 ? Long.MIN_VALUE : sim[size - 1];
    }
}
