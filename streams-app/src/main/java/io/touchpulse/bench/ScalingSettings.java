package io.touchpulse.bench;

import java.util.List;

/**
 * The scaling phase: a produce / raw consume / baseline / pipeline round per partition count x stream threads, each on
 * its own topics with its own load of {@code events}.
 *
 * @param enabled    false = skipped
 * @param partitions partition counts of the input topics, e.g. 1, 2, 4, 8
 * @param threads    stream threads of both apps, e.g. 1, 2
 * @param events     events per combination
 */
public record ScalingSettings(boolean enabled, List<Integer> partitions, List<Integer> threads, long events) {
    public static final List<Integer> DEFAULT_PARTITIONS = List.of(1, 2, 4, 8);
    public static final List<Integer> DEFAULT_THREADS = List.of(1, 2);
    public static final long DEFAULT_EVENTS = 500_000;

    public ScalingSettings {
        partitions = List.copyOf(partitions);
        threads = List.copyOf(threads);
        if (enabled) {
            if (partitions.isEmpty() || partitions.stream().anyMatch(p -> p < 1)) throw new IllegalArgumentException("--scaling-partitions: counts >= 1");
            if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) throw new IllegalArgumentException("--scaling-threads: counts >= 1");
            if (events < 1) throw new IllegalArgumentException("--scaling-events must be >= 1");
        }
    }

    public static ScalingSettings skipped() {
        return new ScalingSettings(false, DEFAULT_PARTITIONS, DEFAULT_THREADS, DEFAULT_EVENTS);
    }
}
