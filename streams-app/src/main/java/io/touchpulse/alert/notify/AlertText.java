package io.touchpulse.alert.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human-readable parts every format shares: a description line, the evidence as one short
 * text, Alertmanager-style annotations and the link back to Touchpulse. One place, so a pager and
 * a chat message say the same thing.
 */
public final class AlertText {
    static final int MAX_VERBATIMS = 3;
    private static final int MAX_VERBATIM_CHARS = 200;
    private static final int MAX_TERMS = 5;

    private AlertText() {}

    /** e.g. {@code premium × checkout: error_rate 0.31 vs baseline 0.02 (up), score 0.98, window 10:00Z–10:05Z}. */
    public static String description(AlertView a) {
        return String.format(Locale.ROOT, "%s × %s: %s %s vs baseline %s (%s), score %.2f, window %s – %s",
                a.segment(), a.touchpoint(), a.metric(), number(a.observed()), number(a.baseline()), a.direction(),
                a.score(), a.windowStart(), a.windowEnd());
    }

    /** Counts, reasons, top terms and a few verbatims, on one line. */
    public static String evidence(AlertView a) {
        AlertView.Evidence e = a.evidence();
        StringBuilder sb = new StringBuilder();
        sb.append(e.events()).append(" events, ").append(e.dissatisfied()).append(" dissatisfied, ")
                .append(e.distinctCustomers()).append(" customers");
        if (!e.reasonCounts().isEmpty()) {
            sb.append("; reasons: ").append(e.reasonCounts().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(r -> r.getKey() + " " + r.getValue()).collect(Collectors.joining(", ")));
        }
        if (!e.topTerms().isEmpty()) {
            sb.append("; terms: ").append(e.topTerms().stream().limit(MAX_TERMS)
                    .map(t -> t.term() + " (" + t.count() + ")").collect(Collectors.joining(", ")));
        }
        if (!e.verbatims().isEmpty()) {
            sb.append("; customers wrote: ").append(e.verbatims().stream().limit(MAX_VERBATIMS)
                    .map(v -> "\"" + shorten(v, MAX_VERBATIM_CHARS) + "\"").collect(Collectors.joining(" | ")));
        }
        return sb.toString();
    }

    /** summary, description, evidence: the annotation names Alertmanager templates commonly use. */
    public static Map<String, String> annotations(AlertView a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("summary", a.summary());
        m.put("description", description(a));
        m.put("evidence", evidence(a));
        return m;
    }

    /** The alert's own dashboard link if it has one, else the live page filtered to its cell. */
    public static String generatorUrl(AlertView a, String externalUrl) {
        String link = a.links().getOrDefault("dashboard", a.links().get("api"));
        if (link != null && !link.isBlank()) {
            return link;
        }
        if (externalUrl == null || externalUrl.isBlank()) {
            return "";
        }
        return externalUrl.replaceAll("/+$", "") + "/?segment=" + URLEncoder.encode(a.segment(), StandardCharsets.UTF_8)
                + "&touchpoint=" + URLEncoder.encode(a.touchpoint(), StandardCharsets.UTF_8);
    }

    static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
