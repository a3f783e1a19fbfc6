package io.touchpulse.bench;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Times a started Kafka Streams app the same way for the baseline and the pipeline: the clock starts when the
 * app reports RUNNING (start-up and rebalance excluded, for both) and stops at the first poll of committed
 * offsets that shows all work done. Input records committed before the clock started are not counted.
 * Resolution: the commit interval plus the 50 ms poll, small against a run of many seconds.
 */
final class StreamsTimer {
    private static final long POLL_MS = 50;

    private StreamsTimer() {
    }

    /** @param appId the app's application.id: its threads' CPU time over the timed interval is measured too */
    static PhaseResult time(long constructedNanos, String appId, Supplier<KafkaStreams.State> state, GroupProgress progress,
                            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            failIfDead(state.get());
            checkDeadline(deadline, "reach RUNNING (state " + state.get() + ")", progress);
            Thread.sleep(2);
        }
        long t0 = System.nanoTime();
        long cpu0 = ThreadCpu.nanos(appId);
        long alreadyCommitted = progress.committedInputRecords();
        while (!progress.done()) {
            failIfDead(state.get());
            checkDeadline(deadline, "finish", progress);
            Thread.sleep(POLL_MS);
        }
        long t1 = System.nanoTime();
        long cpu1 = ThreadCpu.nanos(appId);
        double cpuSeconds = cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9;
        return new PhaseResult((t0 - constructedNanos) / 1e9, (t1 - t0) / 1e9, progress.inputRecords() - alreadyCommitted, cpuSeconds);
    }

    private static void failIfDead(KafkaStreams.State s) {
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("Kafka Streams app stopped while benchmarking (state " + s + "); see the log");
        }
    }

    private static void checkDeadline(long deadline, String what, GroupProgress progress) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for the app to " + what + "; lag: " + progress.lag());
        }
    }
}
