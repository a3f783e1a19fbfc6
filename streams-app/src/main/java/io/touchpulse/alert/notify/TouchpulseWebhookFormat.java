package io.touchpulse.alert.notify;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Touchpulse's own webhook: the whole alert group as JSON in the Standard Webhooks envelope
 * ({@code type}, {@code timestamp}, {@code data}), signed when a secret is configured. The
 * {@code webhook-id} header is the notification's idempotency key, the same on every retry.
 */
public final class TouchpulseWebhookFormat implements Format {
    private final URI url;
    private final StandardWebhookSigner signer;
    private final String externalUrl;

    /** @param signer null for unsigned delivery (the id and timestamp headers are still sent) */
    public TouchpulseWebhookFormat(URI url, StandardWebhookSigner signer, String externalUrl) {
        this.url = url;
        this.signer = signer;
        this.externalUrl = externalUrl;
    }

    @Override
    public List<Outgoing> render(Notification n, Instant attemptAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("receiver", n.receiver());
        data.put("status", n.status());
        data.put("groupKey", n.groupKey());
        data.put("groupLabels", n.groupLabels());
        data.put("externalUrl", externalUrl);
        data.put("alerts", n.alerts());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "touchpulse.alerts." + n.status());
        body.put("timestamp", n.createdAt());
        body.put("data", data);
        String json = Json.write(body);
        Map<String, String> headers = signer != null ? signer.headers(n.id(), attemptAt, json)
                : Map.of("webhook-id", n.id(), "webhook-timestamp", Long.toString(attemptAt.getEpochSecond()));
        return List.of(new Outgoing(url, json, headers));
    }
}
