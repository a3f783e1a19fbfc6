package io.touchpulse.alert.notify;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2: one event per alert, {@code trigger} while firing and {@code resolve}
 * once resolved, both with {@code dedup_key} = the alert's fingerprint, so PagerDuty keeps one
 * incident per segment × touchpoint × metric however often we re-send.
 */
public final class PagerDutyFormat implements Format {
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final int SUMMARY_MAX = 1_024;

    private final URI url;
    private final String routingKey;
    private final String externalUrl;

    public PagerDutyFormat(URI url, String routingKey, String externalUrl) {
        this.url = url == null ? DEFAULT_URL : url;
        this.routingKey = routingKey;
        this.externalUrl = externalUrl;
    }

    @Override
    public List<Outgoing> render(Notification n, Instant attemptAt) {
        List<Outgoing> out = new ArrayList<>();
        for (AlertView a : n.alerts()) {
            out.add(new Outgoing(url, Json.write(a.firing() ? trigger(a) : resolve(a)), Map.of()));
        }
        return out;
    }

    private Map<String, Object> trigger(AlertView a) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("description", AlertText.description(a));
        details.put("observed", a.observed());
        details.put("baseline", a.baseline());
        details.put("score", a.score());
        details.put("window_start", a.windowStart().toString());
        details.put("window_end", a.windowEnd().toString());
        details.put("evidence", a.evidence());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", AlertText.shorten(a.summary(), SUMMARY_MAX));
        payload.put("source", "touchpulse/" + a.segment() + "/" + a.touchpoint());
        payload.put("severity", severity(a.severity()));
        payload.put("timestamp", a.startsAt().toString());
        payload.put("component", a.touchpoint());
        payload.put("group", a.segment());
        payload.put("class", a.metric());
        payload.put("custom_details", details);
        Map<String, Object> event = base(a, "trigger");
        event.put("payload", payload);
        event.put("client", "Touchpulse");
        String link = AlertText.generatorUrl(a, externalUrl);
        if (!link.isEmpty()) {
            event.put("client_url", link);
            event.put("links", List.of(Map.of("href", link, "text", "Touchpulse: " + a.segment() + " × " + a.touchpoint())));
        }
        return event;
    }

    private Map<String, Object> resolve(AlertView a) {
        return base(a, "resolve");
    }

    private Map<String, Object> base(AlertView a, String action) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        event.put("dedup_key", a.fingerprint());
        return event;
    }

    /** PagerDuty knows critical, error, warning and info; ours map one to one. */
    static String severity(String ours) {
        return switch (ours) {
            case "critical" -> "critical";
            case "warning" -> "warning";
            default -> "info";
        };
    }
}
