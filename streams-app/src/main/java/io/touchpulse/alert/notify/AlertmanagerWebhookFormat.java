package io.touchpulse.alert.notify;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The payload Prometheus Alertmanager sends to its webhook receivers (version 4), so any tool
 * built for those (chat bridges, ticketing, on-call bots) takes Touchpulse alerts unchanged.
 * Also carries the Standard Webhooks headers (signed when a secret is set): extra headers do not
 * disturb an Alertmanager consumer, and the id lets it deduplicate.
 */
public final class AlertmanagerWebhookFormat implements Format {
    /** Alertmanager's "not ended yet": Go's zero time. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final URI url;
    private final StandardWebhookSigner signer;
    private final String externalUrl;

    public AlertmanagerWebhookFormat(URI url, StandardWebhookSigner signer, String externalUrl) {
        this.url = url;
        this.signer = signer;
        this.externalUrl = externalUrl == null ? "" : externalUrl;
    }

    @Override
    public List<Outgoing> render(Notification n, Instant attemptAt) {
        List<Map<String, Object>> alerts = n.alerts().stream().map(this::alert).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", n.groupKey());
        body.put("truncatedAlerts", 0);
        body.put("status", n.status());
        body.put("receiver", n.receiver());
        body.put("groupLabels", new TreeMap<>(n.groupLabels()));
        body.put("commonLabels", common(n.alerts().stream().map(AlertView::labels).toList()));
        body.put("commonAnnotations", common(n.alerts().stream().map(AlertText::annotations).toList()));
        body.put("externalURL", externalUrl);
        body.put("alerts", alerts);
        String json = Json.write(body);
        Map<String, String> headers = signer != null ? signer.headers(n.id(), attemptAt, json)
                : Map.of("webhook-id", n.id(), "webhook-timestamp", Long.toString(attemptAt.getEpochSecond()));
        return List.of(new Outgoing(url, json, headers));
    }

    private Map<String, Object> alert(AlertView a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", a.status());
        m.put("labels", a.labels());
        m.put("annotations", AlertText.annotations(a));
        m.put("startsAt", a.startsAt().toString());
        m.put("endsAt", a.firing() || a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
        m.put("generatorURL", AlertText.generatorUrl(a, externalUrl));
        m.put("fingerprint", a.fingerprint());
        return m;
    }

    /** The pairs every map has, as Alertmanager computes commonLabels and commonAnnotations. */
    static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return new TreeMap<>(common);
    }
}
