package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Pairs each alert transition on tp.alerts with the first webhook POST that told the receiver about it, and turns
 * the pairs into latencies. Pure (no Kafka, no HTTP, no clock), so the matching rule is tested on its own.
 *
 * <p>A transition is identified as the dispatcher identifies news: fingerprint, status, severity and startsAt
 * ({@link #key}). A webhook carries the whole group (other alerts of the segment × touchpoint that were already
 * told too), so a transition is matched to the first POST received at or after its emission that contains its key
 * and has not been matched to an earlier transition with the same key. A transition without a POST is "superseded"
 * when a later transition of the same alert was delivered (the dispatcher keeps only the latest state of an alert, so
 * two transitions read in one poll give one notification), else "not delivered".
 */
final class AlertLatencies {
    private AlertLatencies() {
    }

    /**
     * One record read from tp.alerts.
     *
     * @param emittedAtMs the record's tp.emitted-at header: wall clock when the alert stage decided it (window close)
     * @param visibleAtMs wall clock when a read_committed consumer polled it (the pipeline's transaction committed)
     * @param group       segment|touchpoint (for the report)
     */
    record Emitted(String key, String status, String group, long emittedAtMs, long visibleAtMs) {
    }

    /**
     * One webhook POST as the local receiver got it.
     *
     * @param receivedAtMs wall clock when the receiver had read the whole request
     * @param decidedAtMs  the payload's {@code timestamp}: when the dispatcher decided to send it
     * @param keys         {@link #key} of every alert in the payload
     */
    record Received(long receivedAtMs, long decidedAtMs, List<String> keys) {
    }

    /** A transition and the POST that delivered it. */
    record Match(Emitted emitted, Received received) {
        /** Window close to webhook received: the measured number. */
        long totalMs() {
            return received.receivedAtMs() - emitted.emittedAtMs();
        }

        /** Window close until a read_committed consumer sees the record: commit interval + the pipeline's EOS commit. */
        long commitMs() {
            return emitted.visibleAtMs() - emitted.emittedAtMs();
        }

        /** Window close until the dispatcher decided to notify: the commit plus the dispatcher's fetch. */
        long decisionMs() {
            return received.decidedAtMs() - emitted.emittedAtMs();
        }

        /** Dispatcher's decision to the receiver having the POST: its state transaction, then the HTTP request. */
        long sendMs() {
            return received.receivedAtMs() - received.decidedAtMs();
        }
    }

    /**
     * @param matched    transitions with the webhook that told them
     * @param superseded transitions never sent because a later transition of the same alert (e.g. an escalation in the
     *                   same poll) was read first and delivered instead: the receiver learnt the newer state
     * @param unmatched  transitions not delivered at all
     */
    record Result(List<Match> matched, List<Emitted> superseded, List<Emitted> unmatched) {
    }

    static String key(String fingerprint, String status, String severity, long startsAtMs) {
        return fingerprint + "|" + status.toLowerCase(java.util.Locale.ROOT) + "|" + severity.toLowerCase(java.util.Locale.ROOT) + "|" + startsAtMs;
    }

    static Result match(List<Emitted> emitted, List<Received> received) {
        List<Emitted> byTime = new ArrayList<>(emitted);
        byTime.sort(Comparator.comparingLong(Emitted::emittedAtMs));
        List<Received> posts = new ArrayList<>(received);
        posts.sort(Comparator.comparingLong(Received::receivedAtMs));
        Set<String> used = new HashSet<>(); // "<post index>#<key>"
        List<Match> matched = new ArrayList<>();
        List<Emitted> missing = new ArrayList<>();
        for (Emitted e : byTime) {
            Match m = null;
            for (int i = 0; i < posts.size() && m == null; i++) {
                Received r = posts.get(i);
                if (r.receivedAtMs() >= e.emittedAtMs() && r.keys().contains(e.key()) && used.add(i + "#" + e.key())) {
                    m = new Match(e, r);
                }
            }
            if (m == null) {
                missing.add(e);
            } else {
                matched.add(m);
            }
        }
        List<Emitted> superseded = new ArrayList<>();
        List<Emitted> unmatched = new ArrayList<>();
        for (Emitted e : missing) {
            String fingerprint = fingerprint(e.key());
            boolean later = matched.stream().anyMatch(m -> m.emitted() != e && m.emitted().emittedAtMs() >= e.emittedAtMs()
                    && fingerprint(m.emitted().key()).equals(fingerprint));
            (later ? superseded : unmatched).add(e);
        }
        return new Result(matched, superseded, unmatched);
    }

    private static String fingerprint(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    /** Nearest-rank percentile (the smallest value with at least p of the values at or below it); p in (0, 1]. */
    static long percentile(List<Match> matches, ToLongFunction<Match> f, double p) {
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        long[] v = matches.stream().mapToLong(f).sorted().toArray();
        int rank = (int) Math.ceil(p * v.length);
        return v[Math.max(0, Math.min(v.length, rank) - 1)];
    }
}
