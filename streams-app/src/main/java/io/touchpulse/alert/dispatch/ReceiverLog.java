package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.Notification;

import io.touchpulse.alert.notify.AlertView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notification log of one group × receiver, persisted on every change: what the receiver
 * was last told and when, and the delivery under way. Before a delivery's first attempt it is
 * written here as {@code pending} (with its idempotency key); after success, {@code pending} is
 * cleared and {@code notified} updated. After a restart, a pending delivery is retried with the
 * same key, so a receiver that got it just before the crash can recognise the repeat.
 *
 * @param notified     per alert fingerprint, the {@code AlertView.version()} the receiver last
 *                     heard as firing (resolved alerts leave the map once their resolution is delivered)
 * @param lastSentAt   when the last successful notification was decided (group interval counts from there), null if none yet
 * @param lastFailedAt last delivery that gave up after its retries, null after a success
 * @param owed         transitions this receiver must still hear although they are no longer their alert's
 *                     latest state (a resolution overtaken by the next episode while the receiver was
 *                     unreachable or paced), oldest first, at most {@link OwedTransitions#MAX} (see there)
 */
public record ReceiverLog(String groupKey, String routeId, Map<String, String> groupLabels, String receiver,
                          Instant lastSentAt, Instant lastFailedAt, Map<String, String> notified, Notification pending,
                          List<AlertView> owed) {

    public ReceiverLog {
        owed = owed == null ? List.of() : List.copyOf(owed); // absent in state written before owed existed
    }

    public static ReceiverLog empty(Group g, String receiver) {
        return new ReceiverLog(g.key(), g.route().id(), g.labels(), receiver, null, null, Map.of(), null, List.of());
    }

    public ReceiverLog withPending(Notification n) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, lastFailedAt, notified, n, owed);
    }

    public ReceiverLog delivered(Map<String, String> nowNotified, List<AlertView> stillOwed, Instant at) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, at, null, Map.copyOf(nowNotified), null, stillOwed);
    }

    public ReceiverLog failed(List<AlertView> nowOwed, Instant at) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, at, notified, null, nowOwed);
    }

    public ReceiverLog withNotified(Map<String, String> n) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, lastFailedAt, Map.copyOf(n), pending, owed);
    }

    public ReceiverLog withOwed(List<AlertView> o) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, lastFailedAt, notified, pending, o);
    }

    /** True while this receiver was told, is being told, or is owed something about the alert. */
    public boolean follows(String fingerprint) {
        return notified.containsKey(fingerprint) || OwedTransitions.contains(owed, fingerprint)
                || (pending != null && OwedTransitions.contains(pending.alerts(), fingerprint));
    }

    /** The state-topic key. */
    public String stateKey() {
        return key(groupKey, receiver);
    }

    public static String key(String groupKey, String receiver) {
        return "log/" + receiver + "/" + groupKey;
    }
}
