package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.Receiver;

/**
 * A configured receiver with what the dispatcher needs to drive it.
 *
 * @param timing       null to follow the route's timing; the {@code alertmanager} receiver sets
 *                     its own (no waiting, re-post every resend interval), as Alertmanager groups itself
 * @param sendResolved whether resolved alerts are sent at all
 */
public record ReceiverBinding(Receiver receiver, Timing timing, boolean sendResolved, Backoff backoff) {
    public String name() {
        return receiver.name();
    }

    public Timing timingOr(Timing route) {
        return timing == null ? route : timing;
    }
}
