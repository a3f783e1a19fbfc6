package io.touchpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used by one app's own threads (stream threads, their producers' and consumers' network threads): names
 * contain the application id. Unlike wall-clock throughput it hardly moves when something else competes for the
 * cores, so it compares two runs of a shared machine; the broker's threads are not counted.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** Total CPU nanoseconds of the live threads whose name contains {@code nameFragment}; -1 if the JVM cannot tell. */
    static long nanos(String nameFragment) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long sum = 0;
        // thread infos without stacks: cheap enough to take every second during a live phase
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains(nameFragment)) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }

    /** CPU nanoseconds of the whole JVM (broker, load producer and apps); -1 if the JVM cannot tell. */
    static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
