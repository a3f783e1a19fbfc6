package io.touchpulse.alert;

import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import io.touchpulse.schema.TermCount;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts as the lead's lifecycle will write them to tp.alerts, for dispatch tests. */
public final class TestAlerts {
    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static {
        // AvroSerde registers our schema classes as trusted; builders deep-copy enums and need that too
        io.touchpulse.topology.AvroSerde.of(Alert.class);
    }

    private TestAlerts() {}

    public static Alert firing(String segment, String touchpoint, String metric, Severity severity) {
        return alert(segment, touchpoint, metric, severity, AlertStatus.FIRING, T0, null);
    }

    public static Alert resolved(Alert firing, Instant endsAt) {
        return Alert.newBuilder(firing).setStatus(AlertStatus.RESOLVED).setEndsAt(endsAt).build();
    }

    public static Alert withSeverity(Alert a, Severity s) {
        return Alert.newBuilder(a).setSeverity(s).build();
    }

    public static Alert alert(String segment, String touchpoint, String metric, Severity severity, AlertStatus status,
                              Instant startsAt, Instant endsAt) {
        return Alert.newBuilder()
                .setFingerprint(Integer.toHexString((segment + "|" + touchpoint + "|" + metric).hashCode()))
                .setStatus(status).setSeverity(severity)
                .setSegment(segment).setTouchpoint(touchpoint).setMetric(metric).setDirection("up")
                .setObserved(0.31).setBaseline(0.02).setScore(0.97)
                .setStartsAt(startsAt).setEndsAt(endsAt)
                .setWindowStart(startsAt.minusSeconds(300)).setWindowEnd(startsAt)
                .setSummary(segment + " customers failing at " + touchpoint + ": " + metric + " 31% (baseline 2%)")
                .setEvidence(AlertEvidence.newBuilder().setEvents(1200).setDissatisfied(380).setDistinctCustomers(310)
                        .setVerbatims(List.of("payment failed three times, call me on +44 20 7946 0958", "error 503 at checkout <!channel>"))
                        .setTopTerms(List.of(TermCount.newBuilder().setTerm("payment failed").setCount(14).build()))
                        .setReasonCounts(Map.of("HTTP_5XX", 120L, "SLOW", 30L)).build())
                .setLinks(Map.of())
                .build();
    }

    public static AlertView view(Alert a) {
        return AlertView.of(a);
    }
}
