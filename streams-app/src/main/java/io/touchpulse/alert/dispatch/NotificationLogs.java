package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.Notification;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The {@link ReceiverLog}s by group and receiver; every change is queued for the state topic. */
final class NotificationLogs {
    /** group key → receiver → log */
    private final Map<String, Map<String, ReceiverLog>> byGroup = new HashMap<>();
    private final StateChanges changes;

    NotificationLogs(StateChanges changes) {
        this.changes = changes;
    }

    /** As read back from the state topic: no change to write. */
    void restore(ReceiverLog l) {
        byGroup.computeIfAbsent(l.groupKey(), k -> new HashMap<>()).put(l.receiver(), l);
    }

    void restoreDeleted(String stateKey) {
        byGroup.values().forEach(m -> m.values().removeIf(l -> l.stateKey().equals(stateKey)));
        byGroup.values().removeIf(Map::isEmpty);
    }

    /** Forgets the logs of receivers no longer configured (and queues their deletion). */
    void retainReceivers(Set<String> receivers) {
        for (Map<String, ReceiverLog> m : byGroup.values()) {
            m.values().removeIf(l -> {
                boolean gone = !receivers.contains(l.receiver());
                if (gone) {
                    changes.put(l.stateKey(), null);
                }
                return gone;
            });
        }
        byGroup.values().removeIf(Map::isEmpty);
    }

    Collection<ReceiverLog> all() {
        return byGroup.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    Set<String> receivers(String groupKey) {
        return byGroup.getOrDefault(groupKey, Map.of()).keySet();
    }

    ReceiverLog of(Group g, String receiver) {
        ReceiverLog l = byGroup.getOrDefault(g.key(), Map.of()).get(receiver);
        return l != null ? l : ReceiverLog.empty(g, receiver);
    }

    void put(ReceiverLog l) {
        byGroup.computeIfAbsent(l.groupKey(), k -> new HashMap<>()).put(l.receiver(), l);
        changes.put(l.stateKey(), l);
    }

    /** The log whose pending delivery is {@code n}; null if that delivery is no longer the pending one. */
    ReceiverLog pendingFor(Notification n) {
        ReceiverLog log = byGroup.getOrDefault(n.groupKey(), Map.of()).get(n.receiver());
        return log != null && log.pending() != null && log.pending().id().equals(n.id()) ? log : null;
    }

    List<Notification> pendingDeliveries() {
        return all().stream().map(ReceiverLog::pending).filter(Objects::nonNull).toList();
    }

    boolean anyPending(String groupKey) {
        return byGroup.getOrDefault(groupKey, Map.of()).values().stream().anyMatch(l -> l.pending() != null);
    }

    /** True while a receiver of the group was told the alert fires, is being told, or is owed a state of it. */
    boolean heardOf(String groupKey, String fingerprint) {
        return byGroup.getOrDefault(groupKey, Map.of()).values().stream().anyMatch(l -> l.follows(fingerprint));
    }

    /** Deletes the group's logs (the group is gone). */
    void removeGroup(String groupKey) {
        Map<String, ReceiverLog> m = byGroup.remove(groupKey);
        if (m != null) {
            m.values().forEach(l -> changes.put(l.stateKey(), null));
        }
    }
}
