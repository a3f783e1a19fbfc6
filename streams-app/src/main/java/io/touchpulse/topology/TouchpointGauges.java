package io.touchpulse.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.touchpulse.schema.TouchpointHealth;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The per segment × touchpoint gauges of the latest final window. Dashboards and Prometheus rules
 * read a touchpoint's health from these without reading Kafka; one reference per label pair, so a
 * window costs one volatile write. Ratios are 0..1, times in seconds (Prometheus base units); a
 * field the window has no data for (no texts, no surveys) is NaN, which Prometheus drops from
 * aggregations instead of reading it as 0.
 */
final class TouchpointGauges {
    private TouchpointGauges() {
    }

    static AtomicReference<TouchpointHealth> register(MeterRegistry registry, String segment, String touchpoint, TouchpointHealth first) {
        AtomicReference<TouchpointHealth> ref = new AtomicReference<>(first);
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_dissatisfied_ratio",
                "Dissatisfied share of events in the latest final window", TouchpointHealth::getDissatisfiedRate);
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_window_events",
                "Events in the latest final window", TouchpointHealth::getEvents);
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_sentiment_mean",
                "Mean sentiment compound (-1..1) of texts in the latest final window", h -> nan(h.getMeanSentiment()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_negative_ratio",
                "Share of texts with negative sentiment in the latest final window", h -> nan(h.getNegativeShare()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_error_ratio",
                "HTTP 5xx share of requests in the latest final window", h -> nan(h.getErrorRate()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_latency_p95_seconds",
                "95th percentile page latency in the latest final window", h -> h.getLatencyP95Ms() == null ? Double.NaN : h.getLatencyP95Ms() / 1000.0);
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_zero_result_ratio",
                "Share of searches with zero results in the latest final window", h -> nan(h.getZeroResultRate()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_unanswered_ratio",
                "Share of customers' questions that ended without an answer in the latest final window", h -> nan(h.getUnansweredRate()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_csat_mean",
                "Mean CSAT score (1..5) of surveys in the latest final window", h -> nan(h.getCsatMean()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_nps",
                "Net promoter score (-100..100) of surveys in the latest final window", h -> nan(h.getNps()));
        gauge(registry, ref, segment, touchpoint, "touchpulse_touchpoint_window_end_seconds",
                "End (event time, Unix seconds) of the latest final window", h -> h.getWindowEnd().toEpochMilli() / 1000.0);
        return ref;
    }

    private static void gauge(MeterRegistry registry, AtomicReference<TouchpointHealth> ref, String segment, String touchpoint,
                              String name, String help, ToDoubleFunction<TouchpointHealth> value) {
        Gauge.builder(name, ref, r -> value.applyAsDouble(r.get()))
                .description(help).tags("segment", segment, "touchpoint", touchpoint).register(registry);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }
}
