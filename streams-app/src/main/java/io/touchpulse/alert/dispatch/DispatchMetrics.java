package io.touchpulse.alert.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outcome metrics of alert delivery. Labels are the receiver names of the config and a fixed
 * outcome set, so the series count is bounded by the config; never an alert's customer data.
 * <ul>
 *   <li>{@code touchpulse_alert_deliveries_total{receiver,outcome}}: deliveries {@code delivered}
 *       or {@code failed} (gave up after the receiver's retries)</li>
 *   <li>{@code touchpulse_alert_delivery_retries_total{receiver}}: attempts that failed and were retried</li>
 *   <li>{@code touchpulse_alert_delivery_seconds{receiver}}: time of each attempt (request to answer or error)</li>
 *   <li>{@code touchpulse_alerts_silenced_total}: alert transitions held back by a silence (each counted once)</li>
 *   <li>{@code touchpulse_alert_dispatcher_active}: gauge ({@code touchpulse_alerts_firing} comes from the alert stage, per severity)</li>
 * </ul>
 */
public final class DispatchMetrics {
    private final MeterRegistry registry;
    private final Counter silenced;
    private final AtomicInteger active = new AtomicInteger();

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.silenced = Counter.builder("touchpulse_alerts_silenced").description("Alert transitions held back by a silence").register(registry);
        Gauge.builder("touchpulse_alert_dispatcher_active", active, AtomicInteger::get)
                .description("1 while this instance dispatches alerts (0: starting, stopped, or another instance took over)").register(registry);
    }

    void active(boolean on) {
        active.set(on ? 1 : 0);
    }

    void delivered(String receiver) {
        deliveries(receiver, "delivered").increment();
    }

    void failed(String receiver) {
        deliveries(receiver, "failed").increment();
    }

    void retry(String receiver) {
        Counter.builder("touchpulse_alert_delivery_retries").description("Failed delivery attempts that were retried")
                .tag("receiver", receiver).register(registry).increment();
    }

    void attempt(String receiver, long nanos) {
        Timer.builder("touchpulse_alert_delivery").description("Time of one delivery attempt")
                .tag("receiver", receiver).register(registry).record(Duration.ofNanos(nanos));
    }

    void silenced() {
        silenced.increment();
    }

    private Counter deliveries(String receiver, String outcome) {
        return Counter.builder("touchpulse_alert_deliveries").description("Alert notifications by receiver and final outcome")
                .tag("receiver", receiver).tag("outcome", outcome).register(registry);
    }
}
