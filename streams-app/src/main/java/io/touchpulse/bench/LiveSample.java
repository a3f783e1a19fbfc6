package io.touchpulse.bench;

/**
 * One look at a live phase, taken every second.
 *
 * @param atMs       wall clock
 * @param produced   events handed to the producer so far
 * @param inputEnd   records on the input partitions (broker end offsets)
 * @param committed  input records the pipeline has committed
 * @param heapUsed   JVM heap in use (broker, producer and pipeline share the JVM; no GC forced)
 * @param appCpuNs   CPU time of the pipeline's own threads so far ({@link ThreadCpu#nanos}), -1 if unknown
 * @param jvmCpuNs   CPU time of the whole JVM so far, -1 if unknown
 */
record LiveSample(long atMs, long produced, long inputEnd, long committed, long heapUsed, long appCpuNs, long jvmCpuNs) {
    /** Records on the broker the pipeline has not committed yet: the consumer lag over all input partitions. */
    long lag() {
        return Math.max(0, inputEnd - committed);
    }
}
