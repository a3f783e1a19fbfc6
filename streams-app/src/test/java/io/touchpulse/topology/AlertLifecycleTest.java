package io.touchpulse.topology;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.touchpulse.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert stage on the real topology: a touchpoint that degrades fires one alert for the right
 * segment × touchpoint × metric within two windows, with evidence and without PII, and resolves
 * after it recovers; steady noisy traffic fires nothing; a touchpoint that falls silent fires.
 */
class AlertLifecycleTest {
    private final PipelineDriver d = new PipelineDriver();
    private final Random random = new Random(7);

    @AfterEach
    void close() {
        d.close();
    }

    /** About {@code perMinute} checkout requests per minute for premium customers, each failing with probability {@code errorRate}. */
    private void traffic(int fromMinute, int toMinute, int perMinute, double errorRate) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            for (int i = 0; i < perMinute; i++) {
                Instant at = T0.plus(Duration.ofMinutes(minute)).plusMillis(random.nextInt(60_000));
                String customer = "c" + random.nextInt(40);
                boolean error = random.nextDouble() < errorRate;
                d.page(customer, "checkout", at, error ? 503 : 200, 200 + random.nextInt(300));
                if (error && random.nextDouble() < 0.3) {
                    d.chat(customer, "checkout", "Checkout failed AGAIN, card 4111 1111 1111 1111 declined, mail me at jo@example.com", 1, at);
                }
            }
        }
    }

    private void profiles() {
        for (int i = 0; i < 40; i++) {
            d.profile("c" + i, "premium");
        }
    }

    @Test
    void anIncidentFiresWithinTwoWindowsAndResolvesAfterItEnds() {
        profiles();
        traffic(0, 90, 30, 0.02);
        traffic(90, 105, 30, 0.40);
        traffic(105, 150, 30, 0.02);
        List<Alert> alerts = d.alerts.readValuesToList();

        List<Alert> errorAlerts = alerts.stream().filter(a -> a.getMetric().equals("error_rate")).toList();
        assertThat(errorAlerts).extracting(Alert::getStatus).startsWith(AlertStatus.FIRING).endsWith(AlertStatus.RESOLVED);
        Alert fired = errorAlerts.get(0);
        assertThat(fired.getSegment()).isEqualTo("premium");
        assertThat(fired.getTouchpoint()).isEqualTo("checkout");
        assertThat(fired.getStartsAt()).isBetween(T0.plus(Duration.ofMinutes(91)), T0.plus(Duration.ofMinutes(92)));
        assertThat(fired.getObserved()).isGreaterThan(fired.getBaseline());
        assertThat(fired.getDirection()).isEqualTo("up");
        assertThat(fired.getSummary()).contains("premium / checkout", "error rate");
        assertThat(fired.getEvidence().getVerbatims()).isNotEmpty()
                .allMatch(v -> !v.contains("4111") && !v.contains("@example.com"));
        assertThat(fired.getEvidence().getReasonCounts()).containsKey("HTTP_5XX");

        Alert resolved = errorAlerts.get(errorAlerts.size() - 1);
        assertThat(resolved.getFingerprint()).isEqualTo(fired.getFingerprint());
        assertThat(resolved.getStartsAt()).isEqualTo(fired.getStartsAt());
        assertThat(resolved.getEndsAt()).isAfter(T0.plus(Duration.ofMinutes(105)));
        // nothing fired for segments or touchpoints that were fine, and no alert flapped
        assertThat(alerts).allMatch(a -> a.getSegment().equals("premium") && a.getTouchpoint().equals("checkout"));
        assertThat(errorAlerts.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED)).hasSize(1);

        KeyValueStore<String, Alert> store = d.driver.getKeyValueStore(Stores.ALERTS);
        assertThat(store.get(fired.getFingerprint()).getStatus()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void steadyNoisyTrafficFiresNothing() {
        profiles();
        traffic(0, 180, 30, 0.03);
        assertThat(d.alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aTouchpointThatFallsSilentFires() {
        profiles();
        traffic(0, 90, 30, 0.02);
        d.inputsGoQuiet(); // the chats about checkout stop too
        // checkout stops; the rest of the site keeps the clock moving
        for (int minute = 90; minute < 110; minute++) {
            for (int i = 0; i < 20; i++) {
                d.page("c" + i, "home", T0.plus(Duration.ofMinutes(minute)).plusSeconds(i * 3L), 200, 100);
            }
        }
        List<Alert> alerts = d.alerts.readValuesToList();
        assertThat(alerts).filteredOn(a -> a.getMetric().equals("events") && a.getTouchpoint().equals("checkout"))
                .first().satisfies(a -> {
                    assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
                    assertThat(a.getDirection()).isEqualTo("down");
                    assertThat(a.getObserved()).isLessThan(a.getBaseline());
                });
    }
}
