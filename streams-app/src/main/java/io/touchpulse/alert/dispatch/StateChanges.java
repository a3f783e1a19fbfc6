package io.touchpulse.alert.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/** State-topic records waiting to be written, latest value per key (null = delete), in the order they happened. */
final class StateChanges {
    private final Map<String, Object> pending = new LinkedHashMap<>();

    void put(String key, Object valueOrNull) {
        pending.put(key, valueOrNull);
    }

    Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>(pending);
        pending.clear();
        return out;
    }
}
