package io.touchpulse.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's value set bounded: the first {@code cap} distinct values pass, later
 * ones become {@code other}. Segment and touchpoint names come from input data, and an
 * unbounded label set would take Prometheus down long before it hurt us.
 */
public final class LabelGuard {
    public static final String OTHER = "other";

    private final int cap;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public LabelGuard(int cap) {
        this.cap = cap;
    }

    public String label(String value) {
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() < cap) {
                seen.add(value);
                return value;
            }
        }
        return seen.contains(value) ? value : OTHER;
    }
}
