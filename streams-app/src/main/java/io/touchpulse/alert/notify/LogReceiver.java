package io.touchpulse.alert.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;

/**
 * Writes alerts to the log (logger {@code touchpulse.alerts}, stderr by default): the demo's
 * console shows them, and a deployment without any receiver still leaves a trace.
 */
public final class LogReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger("touchpulse.alerts");

    private final String name;

    public LogReceiver(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification n, Instant attemptAt) {
        for (AlertView a : n.alerts()) {
            LOG.info("[alert] {} {} {} × {} {}: {}", a.status().toUpperCase(Locale.ROOT), a.severity(), a.segment(),
                    a.touchpoint(), a.metric(), a.summary());
        }
    }
}
