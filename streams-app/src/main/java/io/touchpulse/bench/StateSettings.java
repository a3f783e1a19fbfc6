package io.touchpulse.bench;

import java.util.List;

/**
 * The state-size phase: one pipeline run per customer count, each over that many profiles and
 * {@code eventsPerCustomer} times as many events.
 *
 * @param customers         customer counts to measure at, e.g. 100000, 1000000; empty = skipped
 * @param eventsPerCustomer events per customer of each point
 */
public record StateSettings(List<Integer> customers, int eventsPerCustomer) {
    public static final int DEFAULT_EVENTS_PER_CUSTOMER = 3;

    public StateSettings {
        customers = List.copyOf(customers);
        if (customers.stream().anyMatch(c -> c < 1)) throw new IllegalArgumentException("--state-customers: counts >= 1");
        if (eventsPerCustomer < 1) throw new IllegalArgumentException("--state-events-per-customer must be >= 1");
    }

    public static StateSettings skipped() {
        return new StateSettings(List.of(), DEFAULT_EVENTS_PER_CUSTOMER);
    }

    boolean enabled() {
        return !customers.isEmpty();
    }
}
