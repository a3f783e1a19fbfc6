package io.touchpulse.bench;

/**
 * Timing of one Kafka Streams app over the load.
 *
 * @param startupSeconds    from constructing the app until it is RUNNING (topic checks, rebalance, global-store restore): not timed
 * @param processingSeconds from RUNNING until {@link GroupProgress#done()}
 * @param eventsTimed       input records committed during the timed interval (all of them unless some were committed before RUNNING)
 */
record PhaseResult(double startupSeconds, double processingSeconds, long eventsTimed) {
    double eventsPerSecond() {
        return eventsTimed / processingSeconds;
    }
}
