package io.touchpulse.alert;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.text.PiiRedactor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a detector decision about one window into the Alert record people read: a one-line summary
 * a pager can show, observed vs expected, and the evidence from the window (what customers wrote and
 * searched, why they were unhappy). Texts are redacted again here: evidence must never carry PII.
 */
public final class AlertComposer {
    static final int VERBATIMS = 3;
    static final int TERMS = 5;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String apiBase;

    /** @param apiBase where this app's API is reachable by the people who get the alert, e.g. http://touchpulse:8080 */
    public AlertComposer(String apiBase) {
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    }

    /** What the detector decided, in the units of the metric. */
    public record Decision(AlertStatus status, Severity severity, boolean up, double observed, double baseline, double score, Instant startsAt) {
    }

    public Alert compose(TouchpointHealth h, AlertMetric metric, Decision d) {
        String fingerprint = Fingerprints.of(h.getSegment(), h.getTouchpoint(), metric.id());
        boolean resolved = d.status() == AlertStatus.RESOLVED;
        return Alert.newBuilder()
                .setFingerprint(fingerprint)
                .setStatus(d.status())
                .setSeverity(d.severity())
                .setSegment(h.getSegment()).setTouchpoint(h.getTouchpoint())
                .setMetric(metric.id())
                .setDirection(d.up() ? "up" : "down")
                .setObserved(d.observed()).setBaseline(d.baseline()).setScore(Math.max(0, Math.min(1, d.score())))
                .setStartsAt(d.startsAt())
                .setEndsAt(resolved ? h.getWindowEnd() : null)
                .setWindowStart(h.getWindowStart()).setWindowEnd(h.getWindowEnd())
                .setSummary(summary(h, metric, d))
                .setEvidence(evidence(h))
                .setLinks(links(h, fingerprint))
                .build();
    }

    static String summary(TouchpointHealth h, AlertMetric metric, AlertComposer.Decision d) {
        String where = h.getSegment() + " / " + h.getTouchpoint();
        if (d.status() == AlertStatus.RESOLVED) {
            long minutes = Duration.between(d.startsAt(), h.getWindowEnd()).toMinutes();
            return String.format(Locale.ROOT, "%s: %s back to %s (expected %s), resolved after %d min",
                    where, metric.label(), metric.format(d.observed()), metric.format(d.baseline()), minutes);
        }
        if (metric == AlertMetric.EVENTS && d.observed() == 0) {
            return String.format(Locale.ROOT, "%s: no events since %s (expected %s per window) [%s]",
                    where, CLOCK.format(h.getWindowStart()), metric.format(d.baseline()), d.severity().name().toLowerCase(Locale.ROOT));
        }
        return String.format(Locale.ROOT, "%s: %s %s to %s (expected %s) in %s-%s [%s]",
                where, metric.label(), d.up() ? "up" : "down", metric.format(d.observed()), metric.format(d.baseline()),
                MINUTE.format(h.getWindowStart()), CLOCK.format(h.getWindowEnd()), d.severity().name().toLowerCase(Locale.ROOT));
    }

    static AlertEvidence evidence(TouchpointHealth h) {
        return AlertEvidence.newBuilder()
                .setEvents(h.getEvents()).setDissatisfied(h.getDissatisfied()).setDistinctCustomers(h.getDistinctCustomers())
                .setVerbatims(h.getSampleVerbatims().stream().limit(VERBATIMS).map(PiiRedactor::redact).toList())
                .setTopTerms(h.getTopNegativeTerms().stream().limit(TERMS).toList())
                .setReasonCounts(h.getReasonCounts())
                .build();
    }

    private Map<String, String> links(TouchpointHealth h, String fingerprint) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("alert", apiBase + "/api/alerts?fingerprint=" + fingerprint);
        links.put("touchpoint", apiBase + "/api/touchpoints?segment=" + enc(h.getSegment()) + "&touchpoint=" + enc(h.getTouchpoint()));
        links.put("live", apiBase + "/");
        return links;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
