package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.AlertView;

import java.time.Instant;

/** The latest state of one alert, persisted so a restart knows what is firing without re-reading {@code tp.alerts}. */
public record StoredAlert(AlertView alert, Instant receivedAt) {
    public String stateKey() {
        return key(alert.fingerprint());
    }

    public static String key(String fingerprint) {
        return "alert/" + fingerprint;
    }
}
