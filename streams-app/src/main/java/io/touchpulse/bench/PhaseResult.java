package io.touchpulse.bench;

/**
 * Timing of one Kafka Streams app over the load.
 *
 * @param startupSeconds    from constructing the app until it is RUNNING (topic checks, rebalance, global-store restore): not timed
 * @param processingSeconds from RUNNING until {@link GroupProgress#done()}
 * @param eventsTimed       input records committed during the timed interval (all of them unless some were committed before RUNNING)
 * @param cpuSeconds        CPU time of the app's own threads over the timed interval (NaN if the JVM cannot measure it)
 */
record PhaseResult(double startupSeconds, double processingSeconds, long eventsTimed, double cpuSeconds) {
    double eventsPerSecond() {
        return eventsTimed / processingSeconds;
    }

    /** The app's CPU microseconds per event: what throughput would be on an idle core, whatever else ran meanwhile. */
    double cpuMicrosPerEvent() {
        return cpuSeconds * 1e6 / eventsTimed;
    }
}
