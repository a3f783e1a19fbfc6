package io.touchpulse.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "which incident hits this segment × touchpoint at this instant?" cheaply for every generated event:
 * incident windows are precomputed to milliseconds and the active set is a bit mask.
 */
final class IncidentBoard {
    private final Incident[] incidents;
    private final long startMs;
    private final long[] offset, length, period;
    private final Segment[] segment;

    IncidentBoard(List<Incident> list, long startMs) {
        if (list.size() > 31) throw new IllegalArgumentException("at most 31 incidents, got " + list.size());
        this.incidents = list.toArray(Incident[]::new);
        this.startMs = startMs;
        int n = incidents.length;
        offset = new long[n];
        length = new long[n];
        period = new long[n];
        segment = new Segment[n];
        for (int i = 0; i < n; i++) {
            Incident x = incidents[i];
            offset[i] = x.startOffset().toMillis();
            length[i] = x.duration().toMillis();
            period[i] = x.repeatEvery() == null ? 0 : x.repeatEvery().toMillis();
            for (Segment s : Segment.VALUES) if (s.id.equals(x.segment())) segment[i] = s;
        }
    }

    int size() {
        return incidents.length;
    }

    Incident get(int i) {
        return incidents[i];
    }

    /** Bit i set when incident i is active at the epoch-millisecond instant. */
    int mask(long epochMs) {
        int m = 0;
        long since = epochMs - startMs;
        for (int i = 0; i < incidents.length; i++) {
            long d = since - offset[i];
            if (d < 0) continue;
            if (period[i] > 0) d %= period[i];
            if (d < length[i]) m |= 1 << i;
        }
        return m;
    }

    /**
     * The active incident with this effect on this visible segment (null = no profile, never hit) and touchpoint,
     * or null. {@code touchpoint} null matches any touchpoint.
     */
    Incident find(int mask, Incident.Effect effect, Segment visible, String touchpoint) {
        if (mask == 0 || visible == null) return null;
        for (int i = 0; i < incidents.length; i++) {
            if ((mask & (1 << i)) == 0 || segment[i] != visible) continue;
            Incident x = incidents[i];
            if ((effect == null || x.effect() == effect) && (touchpoint == null || x.touchpoint().equals(touchpoint))) return x;
        }
        return null;
    }

    List<Incident> active(long epochMs) {
        int m = mask(epochMs);
        List<Incident> out = new ArrayList<>();
        for (int i = 0; i < incidents.length; i++) if ((m & (1 << i)) != 0) out.add(incidents[i]);
        return out;
    }

    Segment segmentOf(int i) {
        return segment[i];
    }
}
