package io.touchpulse.alert.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outcome metrics of alert delivery. Labels are the receiver names of the config and a fixed
 * outcome set, so the series count is bounded by the config; never an alert's customer data.
 * <ul>
 *   <li>{@code touchpulse_alert_deliveries_total{receiver,outcome}}: deliveries {@code delivered}
 *       or {@code failed} (gave up after the receiver's retries)</li>
 *   <li>{@code touchpulse_alert_delivery_retries_total{receiver}}: attempts that failed and were retried</li>
 *   <li>{@code touchpulse_alert_delivery_seconds{receiver}}: time of each attempt (request to answer or
 *       error), a histogram with fixed buckets so quantiles aggregate across instances</li>
 *   <li>{@code touchpulse_alert_transitions_dropped_total{receiver}}: overtaken alert states a receiver was owed
 *       but that fell off the bounded backlog during a very long outage (it still got the latest states)</li>
 *   <li>{@code touchpulse_alerts_silenced_total}: alert transitions held back by a silence (each counted once)</li>
 *   <li>{@code touchpulse_alert_dispatcher_active}: gauge ({@code touchpulse_alerts_firing} comes from the alert stage, per severity)</li>
 * </ul>
 * Every receiver's series exist from the start at 0, so {@code increase()} and alert rules see the
 * first failure instead of a series appearing out of nowhere.
 */
public final class DispatchMetrics {
    /** Webhook calls take milliseconds to the HTTP timeout (seconds); buckets cover both ends. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Counter silenced;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public DispatchMetrics(MeterRegistry registry, Collection<String> receivers) {
        this.registry = registry;
        this.silenced = Counter.builder("touchpulse_alerts_silenced").description("Alert transitions held back by a silence").register(registry);
        Gauge.builder("touchpulse_alert_dispatcher_active", active, AtomicInteger::get)
                .description("1 while this instance dispatches alerts (0: starting, stopped, or another instance took over)").register(registry);
        for (String r : receivers) {
            deliveries(r, "delivered");
            deliveries(r, "failed");
            retries(r);
            dropped(r);
            timer(r);
        }
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
        retries(receiver).increment();
    }

    void attempt(String receiver, long nanos) {
        timer(receiver).record(Duration.ofNanos(nanos));
    }

    void dropped(String receiver, long n) {
        dropped(receiver).increment(n);
    }

    void silenced() {
        silenced.increment();
    }

    private Counter retries(String receiver) {
        return counters.computeIfAbsent("retry\u0000" + receiver, k -> Counter.builder("touchpulse_alert_delivery_retries")
                .description("Failed delivery attempts that were retried").tag("receiver", receiver).register(registry));
    }

    private Counter dropped(String receiver) {
        return counters.computeIfAbsent("dropped\u0000" + receiver, k -> Counter.builder("touchpulse_alert_transitions_dropped")
                .description("Overtaken alert states a receiver was owed, dropped beyond the backlog bound").tag("receiver", receiver).register(registry));
    }

    private Timer timer(String receiver) {
        return timers.computeIfAbsent(receiver, k -> Timer.builder("touchpulse_alert_delivery").description("Time of one delivery attempt")
                .serviceLevelObjectives(BUCKETS).tag("receiver", receiver).register(registry));
    }

    private Counter deliveries(String receiver, String outcome) {
        return counters.computeIfAbsent(outcome + "\u0000" + receiver, k -> Counter.builder("touchpulse_alert_deliveries")
                .description("Alert notifications by receiver and final outcome").tag("receiver", receiver).tag("outcome", outcome).register(registry));
    }
}
