package io.touchpulse.alert.notify;

import java.time.Instant;

/** Something that can be told about an alert group: a webhook, Slack, PagerDuty, an Alertmanager, the log. */
public interface Receiver {

    String name();

    /**
     * One delivery attempt; returns when the receiver accepted the notification.
     *
     * @param attemptAt the time of this attempt (signatures carry it; the notification's id stays the same)
     * @throws DeliveryException when it did not; {@link DeliveryException#retryable()} says whether trying again can help
     */
    void send(Notification notification, Instant attemptAt) throws DeliveryException;
}
