package io.touchpulse.sim;

import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.util.PriorityQueue;

/**
 * Events already generated but not yet due: a session or a follow-up survey is generated at once but spans minutes
 * of simulated time. Ordered by timestamp, then generation order, so output is time-ordered and deterministic
 * whatever step sizes the caller advances by.
 */
final class Timeline {
    private static final byte WEB = 0, SEARCH = 1, INTERACTION = 2;

    private record Entry(long ts, long seq, byte type, String key, Object value) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(1024, (a, b) ->
            a.ts != b.ts ? Long.compare(a.ts, b.ts) : Long.compare(a.seq, b.seq));
    private long seq;

    void web(long ts, String key, WebTraffic e) {
        queue.add(new Entry(ts, seq++, WEB, key, e));
    }

    void search(long ts, String key, SearchEvent e) {
        queue.add(new Entry(ts, seq++, SEARCH, key, e));
    }

    void interaction(long ts, String key, Interaction e) {
        queue.add(new Entry(ts, seq++, INTERACTION, key, e));
    }

    int pending() {
        return queue.size();
    }

    /** Emits every event with a timestamp before {@code endMs}, in order; returns how many. */
    long drainBefore(long endMs, EventSink sink) {
        long n = 0;
        Entry e;
        while ((e = queue.peek()) != null && e.ts < endMs) {
            queue.poll();
            switch (e.type) {
                case WEB -> sink.webTraffic(e.key, (WebTraffic) e.value);
                case SEARCH -> sink.search(e.key, (SearchEvent) e.value);
                default -> sink.interaction(e.key, (Interaction) e.value);
            }
            n++;
        }
        return n;
    }
}
