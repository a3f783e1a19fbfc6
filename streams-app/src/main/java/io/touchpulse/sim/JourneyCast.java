package io.touchpulse.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the simulator scripted: per journey issue type (JourneyIssueType name) the customers whose journeys show the
 * pattern ({@code cast}) and those with a near miss that must not be flagged ({@code control}). Lists hold
 * {@link #PER_TYPE} customers per cohort, cohort after cohort: cohort {@code k} is at indices
 * {@code [k*PER_TYPE, (k+1)*PER_TYPE)} and starts at {@code cohortStarts.get(k)}; its events lie in
 * [start, start + {@link #SPAN}). Scripted customers have no random activity, so their journeys are exactly the script.
 */
public record JourneyCast(List<Instant> cohortStarts, Map<String, List<String>> cast, Map<String, List<String>> control) {
    public static final int PER_TYPE = 3;
    /** A new cohort starts every simulated hour. */
    public static final Duration COHORT_EVERY = Duration.ofHours(1);
    /** All events of a cohort fall within this span after its start. */
    public static final Duration SPAN = Duration.ofMinutes(20);

    public JourneyCast {
        cohortStarts = List.copyOf(cohortStarts);
        cast = copy(cast);
        control = copy(control);
    }

    /** No cast (journeys switched off, or too few customers for one cohort). */
    public static JourneyCast none() {
        return new JourneyCast(List.of(), Map.of(), Map.of());
    }

    public int cohorts() {
        return cohortStarts.size();
    }

    /** The cast customers of one type in one cohort. */
    public List<String> cast(String type, int cohort) {
        return slice(cast, type, cohort);
    }

    /** The control customers of one type in one cohort. */
    public List<String> control(String type, int cohort) {
        return slice(control, type, cohort);
    }

    /** "cast TYPE #cohort" or "control TYPE #cohort" for a scripted customer, null for anyone else (demo console). */
    public String roleOf(String customerId) {
        String r = find(cast, "cast ", customerId);
        return r != null ? r : find(control, "control ", customerId);
    }

    private static String find(Map<String, List<String>> m, String role, String customerId) {
        for (Map.Entry<String, List<String>> e : m.entrySet()) {
            int i = e.getValue().indexOf(customerId);
            if (i >= 0) return role + e.getKey() + " #" + i / PER_TYPE;
        }
        return null;
    }

    private static List<String> slice(Map<String, List<String>> m, String type, int cohort) {
        List<String> all = m.get(type);
        if (all == null) throw new IllegalArgumentException("no journey type " + type + "; known: " + m.keySet());
        if (cohort < 0 || (cohort + 1) * PER_TYPE > all.size())
            throw new IllegalArgumentException("cohort " + cohort + " out of range [0, " + all.size() / PER_TYPE + ")");
        return all.subList(cohort * PER_TYPE, (cohort + 1) * PER_TYPE);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
