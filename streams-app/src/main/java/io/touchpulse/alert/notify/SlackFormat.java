package io.touchpulse.alert.notify;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Slack incoming-webhook message: a header, one section with fields per alert, a context line
 * with the evidence and link, and {@code text} as the fallback for notifications. Slack's limits
 * are respected (header 150 chars, field 2,000, at most 50 blocks) and customer text is escaped,
 * since a verbatim with {@code <!channel>} must not ping anyone.
 */
public final class SlackFormat implements Format {
    static final int MAX_ALERTS = 10;
    private static final int HEADER_MAX = 150;
    private static final int TEXT_MAX = 2_000;

    private final URI url;
    private final String externalUrl;

    /** @param url the incoming-webhook URL, which is itself the secret */
    public SlackFormat(URI url, String externalUrl) {
        this.url = url;
        this.externalUrl = externalUrl;
    }

    @Override
    public List<Outgoing> render(Notification n, Instant attemptAt) {
        List<Object> blocks = new ArrayList<>();
        String status = n.status().toUpperCase(Locale.ROOT);
        String title = (n.firing().isEmpty() ? "✅ " : "🔴 ") + status + " · " + groupTitle(n);
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", AlertText.shorten(title, HEADER_MAX), "emoji", true)));
        for (AlertView a : n.alerts().stream().limit(MAX_ALERTS).toList()) {
            blocks.add(section(a));
            blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(context(a)))));
        }
        if (n.alerts().size() > MAX_ALERTS) {
            blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn("…and " + (n.alerts().size() - MAX_ALERTS) + " more alerts"))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", AlertText.shorten(status + ": " + String.join("; ", n.alerts().stream().map(AlertView::summary).toList()), TEXT_MAX));
        body.put("blocks", blocks);
        return List.of(new Outgoing(url, Json.write(body), Map.of()));
    }

    private static String groupTitle(Notification n) {
        if (n.alerts().stream().map(a -> a.segment() + " × " + a.touchpoint()).distinct().count() == 1) {
            AlertView a = n.alerts().get(0);
            return a.segment() + " × " + a.touchpoint();
        }
        return n.alerts().size() + " touchpoint alerts";
    }

    private static Map<String, Object> section(AlertView a) {
        List<Object> fields = List.of(
                field("Status", a.status() + (a.firing() ? "" : " at " + a.endsAt())),
                field("Severity", a.severity()),
                field("Metric", a.metric() + " (" + a.direction() + ")"),
                field("Observed / baseline", AlertText.number(a.observed()) + " / " + AlertText.number(a.baseline())),
                field("Segment", a.segment()),
                field("Touchpoint", a.touchpoint()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "section");
        m.put("text", mrkdwn("*" + escape(a.summary()) + "*"));
        m.put("fields", fields);
        return m;
    }

    private String context(AlertView a) {
        String link = AlertText.generatorUrl(a, externalUrl);
        return escape(AlertText.evidence(a)) + (link.isEmpty() ? "" : " · <" + link + "|open in Touchpulse>");
    }

    private static Map<String, Object> field(String name, String value) {
        return mrkdwn("*" + name + "*\n" + escape(value));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", AlertText.shorten(text, TEXT_MAX));
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
