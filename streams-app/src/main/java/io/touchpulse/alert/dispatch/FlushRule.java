package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.AlertView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides, for one group and one receiver at one moment, whether to notify and with which
 * alerts: Alertmanager's pacing (group wait before the first notification, group interval
 * between notifications about changes, repeat interval for reminders) and its rule of what
 * counts as news (a new or changed firing alert, or the resolution of one the receiver heard of),
 * plus the overtaken states the receiver is owed ({@link OwedTransitions}), first and in order.
 * A pure function, so the semantics are tested without clocks or threads.
 */
final class FlushRule {

    /**
     * @param send             the alerts of the notification to send now; empty for none
     * @param previousSeverity fingerprints whose severity differs from what the receiver was told
     * @param notifiedUpdate   a notified map to store without sending (resolutions of a receiver
     *                         that does not want them), or null
     */
    record Outcome(List<AlertView> send, Map<String, String> previousSeverity, Map<String, String> notifiedUpdate) {
        static final Outcome NOTHING = new Outcome(List.of(), Map.of(), null);
    }

    private FlushRule() {}

    static Outcome decide(Group g, Collection<AlertView> alerts, ReceiverLog log, ReceiverBinding receiver, Timing t,
                          Instant now, Predicate<AlertView> muted) {
        Map<String, String> notified = log.notified();
        List<AlertView> owed = log.owed();
        List<AlertView> firing = alerts.stream().filter(AlertView::firing).filter(a -> !muted.test(a)).toList();
        // a resolution goes to a receiver that heard of the alert firing, even if it is silenced now
        List<AlertView> resolved = alerts.stream()
                .filter(a -> !a.firing() && (notified.containsKey(a.fingerprint()) || OwedTransitions.contains(owed, a.fingerprint()))).toList();
        Map<String, String> update = null;
        if (!receiver.sendResolved() && !resolved.isEmpty()) {
            update = new HashMap<>(notified);
            for (AlertView a : resolved) {
                update.remove(a.fingerprint());
            }
            resolved = List.of();
        }
        boolean changed = !owed.isEmpty() || !resolved.isEmpty() || firing.stream().anyMatch(a -> !a.version().equals(notified.get(a.fingerprint())));
        boolean repeat = log.lastSentAt() != null && !firing.isEmpty() && !now.isBefore(log.lastSentAt().plus(t.repeatInterval()));
        if (!(changed || repeat) || !gateOpen(g, log, receiver, t, now)) {
            return update == null ? Outcome.NOTHING : new Outcome(List.of(), Map.of(), update);
        }
        List<AlertView> send = new ArrayList<>(owed);
        send.addAll(firing);
        send.addAll(resolved);
        Map<String, String> previous = new HashMap<>();
        for (AlertView a : firing) {
            String before = notified.get(a.fingerprint());
            String severity = before == null ? null : before.split("\\|")[1];
            if (severity != null && !severity.equals(a.severity())) {
                previous.put(a.fingerprint(), severity);
            }
        }
        return new Outcome(List.copyOf(send), Map.copyOf(previous), update);
    }

    /**
     * The first notification of a group waits for group wait; later ones for group interval after
     * the last; after a delivery that gave up, the receiver's longest backoff, so a receiver that
     * rejects every request is not hammered in a loop, yet one that is back hears within that cap
     * (waiting a whole group interval, 5 minutes by default, delayed recovery from an outage).
     */
    static boolean gateOpen(Group g, ReceiverLog log, ReceiverBinding receiver, Timing t, Instant now) {
        Instant earliest = log.lastSentAt() == null ? g.createdAt().plus(t.groupWait()) : log.lastSentAt().plus(t.groupInterval());
        if (log.lastFailedAt() != null) {
            Instant afterFailure = log.lastFailedAt().plus(receiver.backoff().max());
            earliest = afterFailure.isAfter(earliest) ? afterFailure : earliest;
        }
        return !now.isBefore(earliest);
    }
}
