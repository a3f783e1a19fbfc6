package io.touchpulse.config;

import java.util.Map;

/**
 * The customer stage: whether it runs, how long it keeps issues, how many decoded customer states each task keeps in
 * memory ({@code journey.cache-customers}), and the rule and risk knobs ({@code journey.*} and {@code risk.*} keys,
 * kept whole and parsed by {@code io.touchpulse.journey.JourneyConfig}, which names any bad key).
 */
public record JourneySettings(boolean enabled, java.time.Duration keepIssues, int cacheCustomers, Map<String, String> knobs) {
    /** Keys the stage reads itself; every other journey.* key is a rule knob. */
    static boolean ownKey(String k) {
        return k.equals("journey.enabled") || k.equals("journey.keep-issues") || k.equals("journey.cache-customers");
    }
}
