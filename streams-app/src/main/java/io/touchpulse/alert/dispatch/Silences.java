package io.touchpulse.alert.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The silences known to the dispatcher, by id. Expired ones stay for a retention period, then go. */
final class Silences {
    private final Map<String, Silence> byId = new LinkedHashMap<>();

    void put(Silence s) {
        byId.put(s.id(), s);
    }

    void remove(String id) {
        byId.remove(id);
    }

    Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Newest first, as people look for the one they just made. */
    List<Silence> all() {
        List<Silence> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(Silence::updatedAt).reversed());
        return out;
    }

    boolean mutes(Map<String, String> labels, Instant now) {
        for (Silence s : byId.values()) {
            if (s.mutes(labels, now)) {
                return true;
            }
        }
        return false;
    }

    /** Ids of silences that ended more than {@code retention} ago. */
    List<String> expiredBefore(Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        return byId.values().stream().filter(s -> s.endsAt().isBefore(cutoff)).map(Silence::id).toList();
    }
}
