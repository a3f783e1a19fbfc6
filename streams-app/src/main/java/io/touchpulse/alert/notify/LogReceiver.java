package io.touchpulse.alert.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;

/**
 * Writes alerts to the log (logger {@code touchpulse.alerts}, stderr by default): the demo's
 * console shows them, and a deployment without any receiver still leaves a trace. A group
 * notification repeats the group's alerts each time one of them changes; the log shows each
 * alert's change once (remembering the last few thousand).
 */
public final class LogReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger("touchpulse.alerts");

    private static final int REMEMBERED = 4096;

    private final String name;
    private final java.util.Set<String> logged = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public LogReceiver(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void send(Notification n, Instant attemptAt) {
        for (AlertView a : n.alerts()) {
            if (!logged.add(a.fingerprint() + a.startsAt() + a.status() + a.severity())) {
                continue;
            }
            LOG.info("[alert] {} {}", a.status().toUpperCase(Locale.ROOT), a.summary());
            if (a.status().equalsIgnoreCase("firing")) {
                a.evidence().verbatims().stream().limit(2).forEach(v -> LOG.info("          \"{}\"", v));
                if (!a.evidence().topTerms().isEmpty()) {
                    LOG.info("          top terms: {}", a.evidence().topTerms().stream().limit(5).map(t -> t.term() + " (" + t.count() + ")")
                            .collect(java.util.stream.Collectors.joining(", ")));
                }
            }
        }
    }
}
