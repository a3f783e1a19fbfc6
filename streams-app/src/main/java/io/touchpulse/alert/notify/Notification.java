package io.touchpulse.alert.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message to one receiver about one alert group: every alert of the group the receiver
 * should see now (firing ones, and resolved ones it was told were firing).
 *
 * @param id          the idempotency key: chosen once, persisted before the first attempt and
 *                    reused by every retry, also after a restart, so receivers can deduplicate
 * @param groupKey    identifies the group (route and the values of its group-by labels)
 * @param groupLabels the group-by labels and their values
 * @param createdAt   when the dispatcher decided to send it
 * @param previousSeverity per fingerprint, the severity this receiver was last told when it was
 *                    another one: receivers whose alert identity includes the severity (Alertmanager)
 *                    resolve the old one
 */
public record Notification(String id, String receiver, String groupKey, Map<String, String> groupLabels,
                           List<AlertView> alerts, Instant createdAt, Map<String, String> previousSeverity) {

    public Notification(String id, String receiver, String groupKey, Map<String, String> groupLabels,
                        List<AlertView> alerts, Instant createdAt) {
        this(id, receiver, groupKey, groupLabels, alerts, createdAt, Map.of());
    }

    /** Alertmanager's rule: a group is firing while any of its alerts is. */
    public String status() {
        return alerts.stream().anyMatch(AlertView::firing) ? AlertView.FIRING : AlertView.RESOLVED;
    }

    public List<AlertView> firing() {
        return alerts.stream().filter(AlertView::firing).toList();
    }

    public List<AlertView> resolved() {
        return alerts.stream().filter(a -> !a.firing()).toList();
    }
}
