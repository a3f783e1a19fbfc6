package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.alert.notify.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The dispatcher's state machine, without Kafka, HTTP or threads: alerts in, groups formed by
 * the route tree, notifications out when {@link FlushRule} says so, delivery outcomes back.
 * Every change to what must survive a restart (alerts, notification logs, silences) is queued
 * as a state-topic record ({@link #drainChanges}); the service writes them before acting.
 * Time is always passed in, so tests drive it with a fake clock.
 *
 * <p>An alert stays in a group while a receiver there has heard of it, even when a severity
 * change routes it elsewhere: whoever was told it fires is told when it resolves.
 */
public final class DispatchEngine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DispatchEngine.class);
    /** Expired silences stay visible this long, as in Alertmanager (its default data retention). */
    static final Duration SILENCE_RETENTION = Duration.ofDays(5);

    private final RouteNode root;
    private final Map<String, RouteNode> routesById = new HashMap<>();
    private final Map<String, ReceiverBinding> receivers;
    private final Map<String, StoredAlert> alerts = new HashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final StateChanges changes = new StateChanges();
    private final NotificationLogs logs = new NotificationLogs(changes);
    private final Silences silences = new Silences();
    private final Set<String> silencedCounted = new HashSet<>();
    private final Consumer<AlertView> onSilenced;
    private final Supplier<String> ids;
    private final Map<String, Long> dropped = new HashMap<>();

    public DispatchEngine(RouteNode root, Map<String, ReceiverBinding> receivers, Consumer<AlertView> onSilenced) {
        this(root, receivers, onSilenced, () -> "msg_" + UUID.randomUUID().toString().replace("-", ""));
    }

    DispatchEngine(RouteNode root, Map<String, ReceiverBinding> receivers, Consumer<AlertView> onSilenced, Supplier<String> ids) {
        this.root = root;
        this.receivers = receivers;
        this.onSilenced = onSilenced;
        this.ids = ids;
        root.forEach(r -> routesById.put(r.id(), r));
    }

    // ---- rebuilding from the state topic

    /** One record of the state topic, in topic order. */
    public void restore(Object record) {
        if (record instanceof StoredAlert s) {
            alerts.put(s.alert().fingerprint(), s);
        } else if (record instanceof ReceiverLog l) {
            logs.restore(l);
        } else if (record instanceof Silence s) {
            silences.put(s);
        }
    }

    /** The tombstone of a state-topic key seen while rebuilding. */
    public void restoreDeleted(String key) {
        if (key.startsWith("alert/")) {
            alerts.remove(key.substring("alert/".length()));
        } else if (key.startsWith("silence/")) {
            silences.remove(key.substring("silence/".length()));
        } else {
            logs.restoreDeleted(key);
        }
    }

    /** Re-forms the groups from the alerts (routed again: the config may have changed) and the logs. */
    public void finishRestore(Instant now) {
        alerts.values().forEach(s -> route(s.alert(), s.receivedAt()));
        logs.retainReceivers(receivers.keySet()); // a receiver removed from the config is forgotten
        for (ReceiverLog l : logs.all()) {
            Group g = groups.computeIfAbsent(l.groupKey(), k -> new Group(k, routesById.getOrDefault(l.routeId(), root), l.groupLabels(), now));
            Set<String> heard = new LinkedHashSet<>(l.notified().keySet());
            if (l.pending() != null) {
                l.pending().alerts().forEach(a -> heard.add(a.fingerprint()));
            }
            heard.stream().filter(alerts::containsKey).forEach(g.fingerprints()::add);
        }
        cleanup();
    }

    /** Deliveries that were under way when the state was written; retried with their original ids. */
    public List<Notification> pendingDeliveries() {
        return logs.pendingDeliveries();
    }

    // ---- live operation

    /** An alert transition from tp.alerts; false when it changes nothing (a replay after a restart). */
    public boolean accept(AlertView a, Instant now) {
        StoredAlert old = alerts.get(a.fingerprint());
        if (old != null && old.alert().equals(a)) {
            return false;
        }
        if (old != null && !old.alert().version().equals(a.version())) {
            oweOvertaken(old.alert());
        }
        StoredAlert s = new StoredAlert(a, old == null ? now : old.receivedAt());
        alerts.put(a.fingerprint(), s);
        changes.put(s.stateKey(), s);
        Set<String> routed = route(a, now);
        for (Group g : groups.values()) {
            if (!routed.contains(g.key()) && !logs.heardOf(g.key(), a.fingerprint())) {
                g.fingerprints().remove(a.fingerprint());
            }
        }
        return true;
    }

    /** Notifications due at {@code now}; each is recorded as pending in its log before it is returned. */
    public List<Notification> tick(Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Group g : groups.values()) {
            List<AlertView> inGroup = g.fingerprints().stream().map(alerts::get).filter(Objects::nonNull).map(StoredAlert::alert).toList();
            for (String name : receiversOf(g)) {
                ReceiverBinding b = receivers.get(name);
                ReceiverLog log = logs.of(g, name);
                if (b == null || log.pending() != null) {
                    continue;
                }
                FlushRule.Outcome o = FlushRule.decide(g, inGroup, log, b, b.timingOr(g.route().timing()), now, a -> muted(a, now));
                if (o.notifiedUpdate() != null) {
                    log = log.withNotified(o.notifiedUpdate());
                }
                if (!o.send().isEmpty()) {
                    Notification n = new Notification(ids.get(), name, g.key(), g.labels(), o.send(), now, o.previousSeverity());
                    log = log.withPending(n);
                    out.add(n);
                }
                if (o.notifiedUpdate() != null || !o.send().isEmpty()) {
                    logs.put(log);
                }
            }
        }
        for (String id : silences.expiredBefore(now, SILENCE_RETENTION)) {
            silences.remove(id);
            changes.put("silence/" + id, null);
        }
        cleanup();
        return out;
    }

    /** The receiver accepted {@code n}: it now knows exactly what {@code n} said. */
    public void delivered(Notification n, Instant now) {
        ReceiverLog log = logs.pendingFor(n);
        if (log == null) {
            return;
        }
        Map<String, String> notified = new HashMap<>(log.notified());
        for (AlertView a : n.alerts()) { // in order: an owed resolution comes before the next episode's firing
            if (a.firing()) {
                notified.put(a.fingerprint(), a.version());
            } else {
                notified.remove(a.fingerprint());
            }
        }
        List<AlertView> stillOwed = log.owed().stream().filter(o -> !OwedTransitions.containsState(n.alerts(), o)).toList();
        // group interval counts from the decision, as Alertmanager's flushes do: a delivery that took an outage
        // to get through must not hold back what happened meanwhile for another group interval
        Instant sent = n.createdAt().isAfter(now) ? now : n.createdAt();
        logs.put(log.delivered(notified, stillOwed, sent));
        cleanup();
    }

    /**
     * {@code n} gave up after its retries; the group tries again later with a new notification. What
     * {@code n} said that has been overtaken meanwhile becomes owed, ahead of anything owed since.
     */
    public void failed(Notification n, Instant now) {
        ReceiverLog log = logs.pendingFor(n);
        if (log == null) {
            return;
        }
        ReceiverBinding b = receivers.get(log.receiver());
        ReceiverLog without = log.failed(log.owed(), now);
        List<AlertView> owed = new ArrayList<>();
        for (AlertView x : n.alerts()) {
            StoredAlert current = alerts.get(x.fingerprint());
            boolean overtaken = current != null && !current.alert().version().equals(x.version());
            if (OwedTransitions.containsState(log.owed(), x)
                    || (overtaken && (x.firing() ? !OwedTransitions.heardEpisode(without, x) : b == null || b.sendResolved()))) {
                owed.add(x);
            }
        }
        log.owed().stream().filter(o -> !OwedTransitions.containsState(n.alerts(), o)).forEach(owed::add);
        logs.put(log.failed(bounded(log.receiver(), owed), now));
    }

    /** Records {@code before}, just overtaken, for every receiver that must still hear it. */
    private void oweOvertaken(AlertView before) {
        for (ReceiverLog log : logs.all()) {
            ReceiverBinding b = receivers.get(log.receiver());
            if (b != null && OwedTransitions.owes(log, before, b.sendResolved())) {
                List<AlertView> owed = new ArrayList<>(log.owed());
                owed.add(before);
                logs.put(log.withOwed(bounded(log.receiver(), owed)));
            }
        }
    }

    private List<AlertView> bounded(String receiver, List<AlertView> owed) {
        OwedTransitions.Appended a = OwedTransitions.bound(owed);
        if (a.dropped() > 0) {
            LOG.warn("receiver {} is owed more than {} overtaken alert states (unreachable for long?); dropping the {} oldest, "
                    + "it will still get every alert's latest state", receiver, OwedTransitions.MAX, a.dropped());
            dropped.merge(receiver, (long) a.dropped(), Long::sum);
        }
        return a.owed();
    }

    // ---- silences

    public Silence addSilence(SilenceRequest request, Instant now) {
        Silence s = request.validate(UUID.randomUUID().toString(), now);
        silences.put(s);
        changes.put("silence/" + s.id(), s);
        return s;
    }

    public Optional<Silence> expireSilence(String id, Instant now) {
        Optional<Silence> s = silences.get(id).map(x -> x.expire(now));
        s.ifPresent(x -> {
            silences.put(x);
            changes.put("silence/" + id, x);
        });
        return s;
    }

    public List<Silence> silences() {
        return silences.all();
    }

    public Optional<Silence> silence(String id) {
        return silences.get(id);
    }

    // ---- for the service and its metrics

    /** State-topic records to write (value null = delete), in the order they happened; clears the queue. */
    public Map<String, Object> drainChanges() {
        return changes.drain();
    }

    /** Owed states dropped per receiver since the last call (the bound was hit); clears the counts. */
    public Map<String, Long> drainDropped() {
        Map<String, Long> out = Map.copyOf(dropped);
        dropped.clear();
        return out;
    }

    public long firingAlerts() {
        return alerts.values().stream().filter(s -> s.alert().firing()).count();
    }

    public int groups() {
        return groups.size();
    }

    // ---- internals

    private Set<String> route(AlertView a, Instant createdAt) {
        Map<String, String> labels = a.labels();
        Set<String> keys = new HashSet<>();
        for (RouteNode r : root.match(labels)) {
            Map<String, String> gl = r.groupLabels(labels);
            String key = r.groupKey(gl);
            Group g = groups.get(key);
            if (g == null || createdAt.isBefore(g.createdAt())) {
                Group fresh = new Group(key, r, gl, createdAt);
                if (g != null) {
                    fresh.fingerprints().addAll(g.fingerprints());
                }
                groups.put(key, fresh);
                g = fresh;
            }
            g.fingerprints().add(a.fingerprint());
            keys.add(key);
        }
        return keys;
    }

    private boolean muted(AlertView a, Instant now) {
        boolean muted = silences.mutes(a.labels(), now);
        if (muted && silencedCounted.add(a.fingerprint() + "|" + a.version())) {
            onSilenced.accept(a);
        }
        return muted;
    }

    private Set<String> receiversOf(Group g) {
        Set<String> names = new LinkedHashSet<>(g.route().receivers());
        names.addAll(logs.receivers(g.key()));
        return names;
    }

    /** Drops resolved alerts nobody needs to hear about any more, then empty groups and their logs, then unused alerts. */
    private void cleanup() {
        Set<String> inUse = new HashSet<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            g.fingerprints().removeIf(fp -> {
                StoredAlert s = alerts.get(fp);
                return s == null || (!s.alert().firing() && !logs.heardOf(g.key(), fp));
            });
            if (g.fingerprints().isEmpty() && !logs.anyPending(g.key())) {
                logs.removeGroup(g.key());
                it.remove();
            } else {
                inUse.addAll(g.fingerprints());
            }
        }
        for (Iterator<StoredAlert> it = alerts.values().iterator(); it.hasNext(); ) {
            StoredAlert s = it.next();
            if (!inUse.contains(s.alert().fingerprint()) && !s.alert().firing()) {
                changes.put(s.stateKey(), null);
                silencedCounted.removeIf(k -> k.startsWith(s.alert().fingerprint() + "|"));
                it.remove();
            }
        }
    }
}
