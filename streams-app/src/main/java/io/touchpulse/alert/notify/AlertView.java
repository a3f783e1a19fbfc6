package io.touchpulse.alert.notify;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.text.PiiRedactor;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as the dispatcher and the receivers see it: a plain copy of the Avro {@link Alert}
 * that Jackson can write as is (state topic, webhook payloads). Free texts are redacted again on
 * the way in: they were redacted upstream, but this is the last point before they leave the
 * application, so a bug elsewhere must not leak an e-mail address into a pager.
 *
 * @param status   {@code firing} or {@code resolved}, lower case like Alertmanager's
 * @param severity {@code critical}, {@code warning} or {@code info}
 */
public record AlertView(
        String fingerprint,
        String status,
        String severity,
        String segment,
        String touchpoint,
        String metric,
        String direction,
        double observed,
        double baseline,
        double score,
        Instant startsAt,
        Instant endsAt,
        Instant windowStart,
        Instant windowEnd,
        String summary,
        Evidence evidence,
        Map<String, String> links) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /** What customers did, wrote and searched in the window behind the alert. */
    public record Evidence(long events, long dissatisfied, long distinctCustomers, List<String> verbatims,
                           List<Term> topTerms, Map<String, Long> reasonCounts) {
        public static final Evidence NONE = new Evidence(0, 0, 0, List.of(), List.of(), Map.of());
    }

    public record Term(String term, long count) {}

    public static AlertView of(Alert a) {
        AlertEvidence e = a.getEvidence();
        Evidence evidence = e == null ? Evidence.NONE : new Evidence(e.getEvents(), e.getDissatisfied(), e.getDistinctCustomers(),
                e.getVerbatims().stream().map(PiiRedactor::redact).toList(),
                e.getTopTerms().stream().map(t -> new Term(PiiRedactor.redact(t.getTerm()), t.getCount())).toList(),
                new TreeMap<>(e.getReasonCounts()));
        return new AlertView(a.getFingerprint(), a.getStatus() == AlertStatus.FIRING ? FIRING : RESOLVED,
                a.getSeverity().name().toLowerCase(Locale.ROOT), a.getSegment(), a.getTouchpoint(), a.getMetric(),
                a.getDirection(), a.getObserved(), a.getBaseline(), a.getScore(), a.getStartsAt(), a.getEndsAt(),
                a.getWindowStart(), a.getWindowEnd(), PiiRedactor.redact(a.getSummary()), evidence, new TreeMap<>(a.getLinks()));
    }

    public boolean firing() {
        return FIRING.equals(status);
    }

    /**
     * What a receiver must hear about again when it changes: a firing alert re-emitted with
     * another severity, or a new episode (another start). Observed values move every window and
     * are not news by themselves.
     */
    public String version() {
        return status + "|" + severity + "|" + startsAt.toEpochMilli();
    }

    /** Alertmanager-style label set (routing, grouping, silences, and the Alertmanager formats). */
    public Map<String, String> labels() {
        Map<String, String> m = new TreeMap<>();
        m.put("alertname", ALERTNAME);
        m.put("segment", segment);
        m.put("touchpoint", touchpoint);
        m.put("metric", metric);
        m.put("severity", severity);
        m.put("fingerprint", fingerprint);
        return m;
    }

    /** One alert name for every Touchpulse alert; the metric label tells them apart. */
    public static final String ALERTNAME = "TouchpointDegraded";
}
