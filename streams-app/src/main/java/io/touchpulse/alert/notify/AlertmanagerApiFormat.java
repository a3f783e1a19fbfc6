package io.touchpulse.alert.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes alerts into an existing Prometheus Alertmanager ({@code POST /api/v2/alerts}), the way
 * Prometheus itself does, so teams route, silence and inhibit Touchpulse alerts with the rest.
 *
 * <p>Alertmanager times an alert out unless it is re-posted, so firing alerts carry
 * {@code endsAt = now + 4 × resend interval} (Prometheus' rule) and the dispatcher re-posts them
 * every resend interval: if Touchpulse stops, its alerts resolve by themselves instead of firing
 * forever. Alertmanager compares {@code endsAt} with its own clock, so times are wall-clock here:
 * an alert replayed from the past or from the demo's fast simulated time resolves now, not at
 * its event-time end.
 */
public final class AlertmanagerApiFormat implements Format {
    private final URI alertsUrl;
    private final String bearerToken;
    private final String externalUrl;
    private final Duration resendInterval;

    /** @param bearerToken null when Alertmanager needs no authentication (the usual in-cluster case) */
    public AlertmanagerApiFormat(URI baseUrl, String bearerToken, String externalUrl, Duration resendInterval) {
        this.alertsUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/v2/alerts");
        this.bearerToken = bearerToken;
        this.externalUrl = externalUrl;
        this.resendInterval = resendInterval;
    }

    @Override
    public List<Outgoing> render(Notification n, Instant attemptAt) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertView a : n.alerts()) {
            Instant ends = a.firing() ? attemptAt.plus(resendInterval.multipliedBy(4))
                    : (a.endsAt() == null || a.endsAt().isAfter(attemptAt) ? attemptAt : a.endsAt());
            Instant starts = a.startsAt().isBefore(ends) ? a.startsAt() : ends.minusSeconds(1);
            alerts.add(alert(a.labels(), a, starts, ends));
            String before = n.previousSeverity().get(a.fingerprint());
            if (before != null && !before.equals(a.severity())) {
                // the severity is a label, so to Alertmanager the old severity is another alert: end it
                Map<String, String> old = new LinkedHashMap<>(a.labels());
                old.put("severity", before);
                alerts.add(alert(old, a, starts, attemptAt));
            }
        }
        Map<String, String> headers = bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken);
        return List.of(new Outgoing(alertsUrl, Json.write(alerts), headers));
    }

    private Map<String, Object> alert(Map<String, String> labels, AlertView a, Instant starts, Instant ends) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", labels);
        m.put("annotations", AlertText.annotations(a));
        m.put("startsAt", starts.toString());
        m.put("endsAt", ends.toString());
        m.put("generatorURL", AlertText.generatorUrl(a, externalUrl));
        return m;
    }
}
