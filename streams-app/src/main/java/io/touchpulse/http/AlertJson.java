package io.touchpulse.http;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.TermCount;
import io.touchpulse.text.PiiRedactor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An Alert as the API's JSON object: camelCase, ISO-8601 times, lower-case status and severity, evidence redacted again. */
final class AlertJson {
    private AlertJson() {}

    static Map<String, Object> of(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", a.getFingerprint());
        m.put("status", a.getStatus().name().toLowerCase(Locale.ROOT));
        m.put("severity", a.getSeverity().name().toLowerCase(Locale.ROOT));
        m.put("segment", a.getSegment());
        m.put("touchpoint", a.getTouchpoint());
        m.put("metric", a.getMetric());
        m.put("direction", a.getDirection());
        m.put("observed", a.getObserved());
        m.put("baseline", a.getBaseline());
        m.put("score", a.getScore());
        m.put("startsAt", a.getStartsAt().toString());
        m.put("endsAt", a.getEndsAt() == null ? null : a.getEndsAt().toString());
        m.put("windowStart", a.getWindowStart().toString());
        m.put("windowEnd", a.getWindowEnd().toString());
        m.put("summary", a.getSummary());
        m.put("evidence", evidence(a.getEvidence()));
        m.put("links", new TreeMap<>(a.getLinks()));
        return m;
    }

    private static Map<String, Object> evidence(AlertEvidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", e.getEvents());
        m.put("dissatisfied", e.getDissatisfied());
        m.put("distinctCustomers", e.getDistinctCustomers());
        m.put("verbatims", e.getVerbatims().stream().map(PiiRedactor::redact).toList());
        m.put("topTerms", terms(e.getTopTerms()));
        m.put("reasonCounts", new TreeMap<>(e.getReasonCounts()));
        return m;
    }

    static List<Map<String, Object>> terms(List<TermCount> terms) {
        return terms.stream().map(t -> Map.<String, Object>of("term", t.getTerm(), "count", t.getCount())).toList();
    }
}
