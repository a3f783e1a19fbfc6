package io.touchpulse.sim;

import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Events already generated but not yet due: a session or a follow-up survey is generated at once but spans minutes
 * of simulated time. Emitted by timestamp, then generation order, so output is time-ordered and deterministic
 * whatever step sizes the caller advances by.
 * <p>
 * A calendar queue: the events of the slot being drained (~1 s of simulated time) are in a small heap, later ones in
 * a list per slot. One heap over every pending event held hundreds of thousands of entries at bench rates, and its
 * cache misses made taking an event out cost a tenth of a core; the slot's heap stays in cache.
 */
final class Timeline {
    private static final byte WEB = 0, SEARCH = 1, INTERACTION = 2;
    /** log2 of a slot's width in milliseconds. */
    private static final int SLOT_BITS = 10;

    private record Entry(long ts, long seq, byte type, String key, Object value) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return ts != o.ts ? Long.compare(ts, o.ts) : Long.compare(seq, o.seq);
        }
    }

    /** Every pending event of the slots up to {@link #slot}; all of them are due before any event of a later slot. */
    private PriorityQueue<Entry> due = new PriorityQueue<>();
    /** Pending events of the slots after {@link #slot}, in generation order per slot. */
    private final Map<Long, List<Entry>> later = new HashMap<>();
    private long slot = Long.MIN_VALUE;
    private long seq;
    private int pending;

    void web(long ts, String key, WebTraffic e) {
        add(new Entry(ts, seq++, WEB, key, e));
    }

    void search(long ts, String key, SearchEvent e) {
        add(new Entry(ts, seq++, SEARCH, key, e));
    }

    void interaction(long ts, String key, Interaction e) {
        add(new Entry(ts, seq++, INTERACTION, key, e));
    }

    private void add(Entry e) {
        long s = e.ts >> SLOT_BITS;
        if (s <= slot) {
            due.add(e);
        } else {
            later.computeIfAbsent(s, k -> new ArrayList<>()).add(e);
        }
        pending++;
    }

    int pending() {
        return pending;
    }

    /** Emits every event with a timestamp before {@code endMs}, in order; returns how many. */
    long drainBefore(long endMs, EventSink sink) {
        long n = 0;
        while (true) {
            Entry e;
            while ((e = due.peek()) != null && e.ts < endMs) {
                due.poll();
                pending--;
                switch (e.type) {
                    case WEB -> sink.webTraffic(e.key, (WebTraffic) e.value);
                    case SEARCH -> sink.search(e.key, (SearchEvent) e.value);
                    default -> sink.interaction(e.key, (Interaction) e.value);
                }
                n++;
            }
            if (e != null || !nextSlot(endMs)) {
                return n;
            }
        }
    }

    /**
     * Moves to the next slot that has events, if it starts before {@code endMs} (the heap is empty). Without pending
     * events it moves to the slot of {@code endMs - 1}, so a later event due before {@code endMs} goes to the heap.
     */
    private boolean nextSlot(long endMs) {
        long last = (endMs - 1) >> SLOT_BITS;
        if (later.isEmpty()) {
            slot = Math.max(slot, last);
            return false;
        }
        if (slot == Long.MIN_VALUE) {
            slot = later.keySet().stream().mapToLong(Long::longValue).min().getAsLong() - 1; // the first drain
        }
        while (slot < last) {
            slot++;
            List<Entry> events = later.remove(slot);
            if (events != null) {
                due = new PriorityQueue<>(events); // heapified in linear time
                return true;
            }
        }
        return false;
    }
}
