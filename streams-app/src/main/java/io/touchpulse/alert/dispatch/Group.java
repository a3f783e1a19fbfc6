package io.touchpulse.alert.dispatch;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An aggregation group: the alerts of one route that share the values of its group-by labels.
 * Alerts are kept by fingerprint; their latest state lives in the engine's alert map.
 */
public record Group(String key, RouteNode route, Map<String, String> labels, Instant createdAt, Set<String> fingerprints) {
    public Group(String key, RouteNode route, Map<String, String> labels, Instant createdAt) {
        this(key, route, Map.copyOf(labels), createdAt, new LinkedHashSet<>());
    }
}
