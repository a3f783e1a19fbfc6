package io.touchpulse.alert;

import io.touchpulse.detect.Cause;
import io.touchpulse.detect.Detector;
import io.touchpulse.detect.DetectorConfig;
import io.touchpulse.detect.Transition;
import io.touchpulse.detect.Verdict;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What gets announced from the detector's verdicts: from the minimum severity up, again only when
 * the alert gets worse, a resolution only for an alert that was announced, and the start of the
 * anomaly (not of the announcement) as startsAt; the track survives its byte encoding.
 */
class MetricWatchTest {
    private static final long T = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    private static Verdict verdict(boolean firing, Transition t, io.touchpulse.detect.Severity sev) {
        return new Verdict(T, 0.3, 0.02, 9, 0.9, firing, t, sev, Cause.RATE, true, true);
    }

    private final MetricWatch.Track track = new MetricWatch.Track(new Detector(DetectorConfig.defaults()).newState());

    @Test
    void announcesFromTheMinimumSeverityAndAgainOnlyWhenWorse() {
        assertThat(track.decision(verdict(true, Transition.FIRED, io.touchpulse.detect.Severity.INFO), T, Severity.WARNING)).isNull();
        AlertComposer.Decision warning = track.decision(verdict(true, Transition.SEVERITY_CHANGED, io.touchpulse.detect.Severity.WARNING), T + 60_000, Severity.WARNING);
        assertThat(warning.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.startsAt()).isEqualTo(Instant.ofEpochMilli(T)); // when the anomaly began, not when it was announced
        assertThat(track.decision(verdict(true, Transition.NONE, io.touchpulse.detect.Severity.WARNING), T + 120_000, Severity.WARNING)).isNull();
        assertThat(track.decision(verdict(true, Transition.SEVERITY_CHANGED, io.touchpulse.detect.Severity.CRITICAL), T + 180_000, Severity.WARNING).severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(track.decision(verdict(true, Transition.SEVERITY_CHANGED, io.touchpulse.detect.Severity.WARNING), T + 240_000, Severity.WARNING)).isNull();

        MetricWatch.Track restored = MetricWatch.Track.decode(track.encode());
        AlertComposer.Decision resolved = restored.decision(verdict(false, Transition.RESOLVED, null), T + 300_000, Severity.WARNING);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(resolved.startsAt()).isEqualTo(Instant.ofEpochMilli(T));
    }

    @Test
    void anAlertThatNeverReachedTheMinimumResolvesSilently() {
        assertThat(track.decision(verdict(true, Transition.FIRED, io.touchpulse.detect.Severity.INFO), T, Severity.WARNING)).isNull();
        assertThat(track.decision(verdict(false, Transition.RESOLVED, null), T + 60_000, Severity.WARNING)).isNull();
        // the next episode starts afresh
        assertThat(track.decision(verdict(true, Transition.FIRED, io.touchpulse.detect.Severity.CRITICAL), T + 600_000, Severity.WARNING).startsAt())
                .isEqualTo(Instant.ofEpochMilli(T + 600_000));
    }
}
