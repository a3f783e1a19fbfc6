package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.Notification;

import java.time.Instant;
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
 * @param lastSentAt   last successful notification, null if none yet
 * @param lastFailedAt last delivery that gave up after its retries, null after a success
 */
public record ReceiverLog(String groupKey, String routeId, Map<String, String> groupLabels, String receiver,
                          Instant lastSentAt, Instant lastFailedAt, Map<String, String> notified, Notification pending) {

    public static ReceiverLog empty(Group g, String receiver) {
        return new ReceiverLog(g.key(), g.route().id(), g.labels(), receiver, null, null, Map.of(), null);
    }

    public ReceiverLog withPending(Notification n) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, lastFailedAt, notified, n);
    }

    public ReceiverLog delivered(Map<String, String> nowNotified, Instant at) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, at, null, Map.copyOf(nowNotified), null);
    }

    public ReceiverLog failed(Instant at) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, at, notified, null);
    }

    public ReceiverLog withNotified(Map<String, String> n) {
        return new ReceiverLog(groupKey, routeId, groupLabels, receiver, lastSentAt, lastFailedAt, Map.copyOf(n), pending);
    }

    /** The state-topic key. */
    public String stateKey() {
        return key(groupKey, receiver);
    }

    public static String key(String groupKey, String receiver) {
        return "log/" + receiver + "/" + groupKey;
    }
}
