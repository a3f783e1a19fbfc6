package io.touchpulse.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.schema.Severity;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.TouchpointHealth;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labelled business metrics keep Prometheus' rules: reasons counted per segment × touchpoint,
 * labels past the cap folded into {@code other}, and alert gauges that exist (at 0) before any alert.
 */
class PipelineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry, 2);

    @Test
    void dissatisfiedSignalsAreCountedByEachReason() {
        metrics.signal(signal("premium", "checkout", true, List.of("HTTP_5XX", "SLOW")));
        metrics.signal(signal("premium", "checkout", true, List.of("HTTP_5XX")));
        metrics.signal(signal("premium", "checkout", false, List.of()));

        assertThat(count("touchpulse_signals", "segment", "premium", "touchpoint", "checkout", "source", "web")).isEqualTo(3);
        assertThat(count("touchpulse_dissatisfied_events", "segment", "premium", "touchpoint", "checkout")).isEqualTo(2);
        assertThat(count("touchpulse_dissatisfied_reasons", "segment", "premium", "touchpoint", "checkout", "reason", "http_5xx")).isEqualTo(2);
        assertThat(count("touchpulse_dissatisfied_reasons", "segment", "premium", "touchpoint", "checkout", "reason", "slow")).isEqualTo(1);
        assertThat(count("touchpulse_dissatisfied_reasons", "segment", "premium", "touchpoint", "checkout", "reason", "complaint")).isZero();
    }

    @Test
    void segmentsPastTheCapBecomeOther() {
        for (String segment : List.of("a", "b", "c", "d")) {
            metrics.signal(signal(segment, "checkout", true, List.of("COMPLAINT")));
        }
        assertThat(registry.find("touchpulse_dissatisfied_events").counters()).extracting(c -> c.getId().getTag("segment"))
                .containsExactlyInAnyOrder("a", "b", "other");
        assertThat(count("touchpulse_dissatisfied_reasons", "segment", "other", "touchpoint", "checkout", "reason", "complaint")).isEqualTo(2);
    }

    @Test
    void alertGaugesExistBeforeAnyAlertAndFollowFiringAlerts() {
        assertThat(registry.find("touchpulse_alerts_firing").gauges()).hasSize(Severity.values().length)
                .allSatisfy(g -> assertThat(g.value()).isZero());
        metrics.healthWindow(window("premium", "checkout"));
        assertThat(gauge("touchpulse_touchpoint_alerts_firing")).isZero();

        var alert = TestAlerts.firing("premium", "checkout", "error_rate", Severity.CRITICAL);
        metrics.alert(alert, true);
        assertThat(gauge("touchpulse_touchpoint_alerts_firing")).isEqualTo(1);
        assertThat(registry.get("touchpulse_alerts_firing").tag("severity", "critical").gauge().value()).isEqualTo(1);

        metrics.alert(TestAlerts.resolved(alert, TestAlerts.T0.plusSeconds(600)), true);
        assertThat(gauge("touchpulse_touchpoint_alerts_firing")).isZero();
    }

    private double gauge(String name) {
        return registry.get(name).tags("segment", "premium", "touchpoint", "checkout").gauge().value();
    }

    private double count(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static TouchpointHealth window(String segment, String touchpoint) {
        Instant end = Instant.parse("2026-03-02T10:05:00Z");
        return TouchpointHealth.newBuilder().setSegment(segment).setTouchpoint(touchpoint).setWindowStart(end.minusSeconds(300)).setWindowEnd(end)
                .setEvents(10).setDistinctCustomers(3).setDissatisfied(4).setDissatisfiedRate(0.4).setTextEvents(0)
                .setTopNegativeTerms(List.of()).setSampleVerbatims(List.of()).build();
    }

    private static Signal signal(String segment, String touchpoint, boolean dissatisfied, List<String> reasons) {
        return Signal.newBuilder().setEventId("e").setTimestamp(Instant.parse("2026-03-02T10:00:00Z")).setSource(SignalSource.WEB)
                .setCustomerId(null).setSegment(segment).setTouchpoint(touchpoint).setChannel("web").setCompound(0).setLabel("neutral")
                .setHasText(false).setDissatisfied(dissatisfied).setReasons(reasons).setText(null).setTerms(List.of()).setIntents(List.of())
                .setAspects(Map.of()).setHttpStatus(null).setLatencyMs(null).setZeroResults(false).setCsat(null).setNps(null).build();
    }
}
