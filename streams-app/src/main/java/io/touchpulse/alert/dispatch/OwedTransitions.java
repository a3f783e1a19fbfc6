package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.AlertView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which overtaken alert states a receiver must still hear, so that no episode a receiver follows
 * is skipped: the engine keeps only each alert's latest state, and while a receiver is down (its
 * delivery retrying) or paced (group interval), an alert may resolve and fire again. Without this
 * the receiver would hear "firing" twice and never the resolution in between.
 *
 * <p>The rule: a state overtaken before the receiver heard it is owed when the receiver follows the
 * alert (was told, is being told, or is owed something about it), except a firing state of an
 * episode the receiver already heard firing: a change of severity is summed up by the newer state.
 * Alerts a receiver never heard of keep Alertmanager's rule (fired and resolved unseen, never sent).
 *
 * <p>Memory: at most {@link #MAX} per group × receiver, so a receiver down for days costs a bounded
 * amount (fingerprints are bounded too). Beyond it the oldest owed state is dropped, logged and
 * counted ({@code touchpulse_alert_transitions_dropped_total}); the receiver still gets the latest.
 */
final class OwedTransitions {
    /** An alert needs at least 8 windows to fire and resolve: 64 states are hours of outage for a whole group. */
    static final int MAX = 64;

    /** An owed list after appending, and how many of its oldest entries fell off. */
    record Appended(List<AlertView> owed, int dropped) {}

    private OwedTransitions() {}

    static boolean contains(Collection<AlertView> alerts, String fingerprint) {
        return alerts.stream().anyMatch(a -> a.fingerprint().equals(fingerprint));
    }

    static boolean containsState(Collection<AlertView> alerts, AlertView state) {
        return alerts.stream().anyMatch(a -> sameState(a, state));
    }

    static boolean sameState(AlertView a, AlertView b) {
        return a.fingerprint().equals(b.fingerprint()) && a.version().equals(b.version());
    }

    /** True when {@code before}, no longer the latest state, must still reach the receiver of {@code log}. */
    static boolean owes(ReceiverLog log, AlertView before, boolean sendResolved) {
        if (!log.follows(before.fingerprint()) || containsState(log.owed(), before)
                || (log.pending() != null && containsState(log.pending().alerts(), before))) {
            return false;
        }
        return before.firing() ? !heardEpisode(log, before) : sendResolved;
    }

    /** The receiver heard (or is being told, or is owed) some firing state of {@code a}'s episode. */
    static boolean heardEpisode(ReceiverLog log, AlertView a) {
        String heard = log.notified().get(a.fingerprint());
        if (heard != null && heard.startsWith(AlertView.FIRING + "|") && heard.endsWith("|" + a.startsAt().toEpochMilli())) {
            return true;
        }
        List<AlertView> told = new ArrayList<>(log.owed());
        if (log.pending() != null) {
            told.addAll(log.pending().alerts());
        }
        return told.stream().anyMatch(t -> t.firing() && t.fingerprint().equals(a.fingerprint()) && t.startsAt().equals(a.startsAt()));
    }

    /** {@code owed} cut to its newest {@link #MAX} entries. */
    static Appended bound(List<AlertView> owed) {
        int dropped = Math.max(0, owed.size() - MAX);
        return new Appended(List.copyOf(owed.subList(dropped, owed.size())), dropped);
    }
}
