package io.touchpulse.sim;

/**
 * Deterministic identifiers: a seed-derived prefix plus counters, so the same seed replays the same ids and runs with
 * different seeds never collide in one topic. Base-36 counters keep them short and cheap to build.
 */
final class Ids {
    private final String eventPrefix, sessionPrefix, casePrefix;
    private long events, sessions, cases;

    Ids(long seed) {
        String tag = Long.toString(mix(seed) & 0xFFFFFFFFL, 36);
        eventPrefix = "ev-" + tag + "-";
        sessionPrefix = "ss-" + tag + "-";
        casePrefix = "CS-" + tag.toUpperCase() + "-";
    }

    String event() {
        return eventPrefix.concat(Long.toString(events++, 36));
    }

    String session() {
        return sessionPrefix.concat(Long.toString(sessions++, 36));
    }

    String newCase() {
        return casePrefix.concat(Long.toString(100_000 + cases++));
    }

    long eventsIssued() {
        return events;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
