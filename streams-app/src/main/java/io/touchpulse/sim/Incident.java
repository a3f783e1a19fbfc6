package io.touchpulse.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted incident: what it affects (one segment × touchpoint), when it starts (offset from the simulation
 * start, simulated time), how long it lasts and, optionally, how often it recurs. Incidents are what the demo
 * and the end-to-end tests expect the monitor to catch, so each one moves its metric far above the noise.
 *
 * @param repeatEvery period after which the incident recurs, or {@code null} / zero for a one-off
 * @param effect      what kind of damage it does
 * @param intensity   1.0 = the calibrated default strength
 */
public record Incident(String name, String segment, String touchpoint, Duration startOffset, Duration duration,
                       Duration repeatEvery, Effect effect, double intensity) {

    /** The kinds of damage the simulator knows how to inflict. */
    public enum Effect {
        /** HTTP 5xx surge with slow responses, abandoned flows, retries and angry contacts about the touchpoint. */
        ERROR_SURGE,
        /** Searches for a new, un-indexed product line return nothing; reformulations and "can't find" texts. */
        ZERO_RESULTS,
        /** A wave of complaints (calls, chats, e-mails, verbatims, low CSAT) about the touchpoint. */
        COMPLAINT_WAVE
    }

    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(12);
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FIRST_START = Duration.ofMinutes(8);
    /** The incidents of the default schedule, in order. */
    public static final List<String> DEFAULT_NAMES = List.of("checkout-5xx", "search-zero-results", "billing-fee-complaints");

    public Incident {
        if (name == null || segment == null || touchpoint == null || effect == null)
            throw new IllegalArgumentException("name, segment, touchpoint and effect are required");
        if (startOffset == null || startOffset.isNegative()) throw new IllegalArgumentException("startOffset must be >= 0");
        if (duration == null || duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0");
        if (repeatEvery != null && !repeatEvery.isZero() && repeatEvery.compareTo(duration) < 0)
            throw new IllegalArgumentException("repeatEvery must be >= duration");
    }

    /** Whether the incident is active {@code sinceStart} after the simulation start. */
    public boolean activeAt(Duration sinceStart) {
        return activeAtMillis(sinceStart.toMillis());
    }

    boolean activeAtMillis(long sinceStartMs) {
        long d = sinceStartMs - startOffset.toMillis();
        if (d < 0) return false;
        if (repeatEvery != null && !repeatEvery.isZero()) d %= repeatEvery.toMillis();
        return d < duration.toMillis();
    }

    /** The same incident at another time. */
    public Incident at(Duration start, Duration dur, Duration repeat) {
        return new Incident(name, segment, touchpoint, start, dur, repeat, effect, intensity);
    }

    /** The known incidents by name, with zero offsets; {@link #defaultSchedule()} and {@link #named} place them in time. */
    public static Map<String, Incident> catalog() {
        Map<String, Incident> m = new LinkedHashMap<>();
        put(m, new Incident("checkout-5xx", "premium", Touchpoints.CHECKOUT, Duration.ZERO, DEFAULT_DURATION, null, Effect.ERROR_SURGE, 1.0));
        put(m, new Incident("search-zero-results", "consumer", Touchpoints.SEARCH, Duration.ZERO, DEFAULT_DURATION, null, Effect.ZERO_RESULTS, 1.0));
        put(m, new Incident("billing-fee-complaints", "small-business", Touchpoints.BILLING, Duration.ZERO, DEFAULT_DURATION, null, Effect.COMPLAINT_WAVE, 1.0));
        put(m, new Incident("login-outage", "new", Touchpoints.LOGIN, Duration.ZERO, DEFAULT_DURATION, null, Effect.ERROR_SURGE, 1.0));
        return m;
    }

    private static void put(Map<String, Incident> m, Incident i) {
        m.put(i.name(), i);
    }

    /** checkout-5xx at simulated minute 8, search-zero-results at 30, billing-fee-complaints at 52, 12 min each, every 80 min. */
    public static List<Incident> defaultSchedule() {
        return named(DEFAULT_NAMES);
    }

    /** {@link #named(List, Duration)} with the first incident 8 simulated minutes in. */
    public static List<Incident> named(List<String> names) {
        return named(names, DEFAULT_FIRST_START);
    }

    /**
     * The named incidents one after another, 12 minutes each with 10-minute quiet gaps, starting at {@code firstStart}
     * and repeating (period = 22 min per incident + 14 min). "none" yields an empty list, "default" the default schedule.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static List<Incident> named(List<String> names, Duration firstStart) {
        Map<String, Incident> catalog = catalog();
        List<Incident> picked = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim();
            if (n.equalsIgnoreCase("none")) continue;
            if (n.equalsIgnoreCase("default")) {
                for (String d : DEFAULT_NAMES) picked.add(catalog.get(d));
                continue;
            }
            Incident i = catalog.get(n);
            if (i == null) throw new IllegalArgumentException("unknown incident '" + n + "'; valid: "
                    + String.join(", ", catalog.keySet()) + ", default, none");
            picked.add(i);
        }
        if (picked.isEmpty()) return List.of();
        Duration slot = DEFAULT_DURATION.plus(DEFAULT_GAP);
        Duration period = slot.multipliedBy(picked.size()).plusMinutes(14);
        List<Incident> out = new ArrayList<>();
        for (int k = 0; k < picked.size(); k++) {
            out.add(picked.get(k).at(firstStart.plus(slot.multipliedBy(k)), DEFAULT_DURATION, period));
        }
        return List.copyOf(out);
    }
}
