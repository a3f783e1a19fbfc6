package io.touchpulse.http;

import io.touchpulse.text.PiiRedactor;
import io.touchpulse.schema.TouchpointHealth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** TouchpointHealth as the API's JSON object: camelCase fields, ISO-8601 times, nulls where a metric has no data. */
final class HealthJson {
    private HealthJson() {}

    static Map<String, Object> of(TouchpointHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", h.getSegment());
        m.put("touchpoint", h.getTouchpoint());
        m.put("windowStart", h.getWindowStart().toString());
        m.put("windowEnd", h.getWindowEnd().toString());
        m.put("events", h.getEvents());
        m.put("distinctCustomers", h.getDistinctCustomers());
        m.put("dissatisfied", h.getDissatisfied());
        m.put("dissatisfiedRate", h.getDissatisfiedRate());
        m.put("textEvents", h.getTextEvents());
        m.put("meanSentiment", h.getMeanSentiment());
        m.put("negativeShare", h.getNegativeShare());
        m.put("csatMean", h.getCsatMean());
        m.put("csatCount", h.getCsatCount());
        m.put("nps", h.getNps());
        m.put("npsCount", h.getNpsCount());
        m.put("requests", h.getRequests());
        m.put("errorRate", h.getErrorRate());
        m.put("latencyP95Ms", h.getLatencyP95Ms());
        m.put("searches", h.getSearches());
        m.put("zeroResultRate", h.getZeroResultRate());
        m.put("questions", h.getQuestions());
        m.put("unansweredQuestions", h.getUnansweredQuestions());
        m.put("unansweredRate", h.getUnansweredRate());
        m.put("reasonCounts", new TreeMap<>(h.getReasonCounts()));
        m.put("intentCounts", new TreeMap<>(h.getIntentCounts()));
        m.put("negativeAspectCounts", new TreeMap<>(h.getNegativeAspectCounts()));
        m.put("topNegativeTerms", AlertJson.terms(h.getTopNegativeTerms()));
        m.put("sampleVerbatims", h.getSampleVerbatims().stream().map(PiiRedactor::redact).toList());
        return m;
    }
}
