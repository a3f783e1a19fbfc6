package io.touchpulse.alert.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * "Do not notify about alerts like these for a while", as in Alertmanager: matchers, a time
 * span, who and why. Silenced alerts are not sent; an alert a receiver was already told about
 * still gets its resolution, so no incident is left open.
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt,
                      String createdBy, String comment, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";

    public String state(Instant now) {
        if (now.isBefore(startsAt)) {
            return PENDING;
        }
        return now.isBefore(endsAt) ? ACTIVE : EXPIRED;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return ACTIVE.equals(state(now)) && matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** Ends it now (what DELETE does, as in Alertmanager: the record stays for a while, so the history is visible). */
    public Silence expire(Instant now) {
        if (EXPIRED.equals(state(now))) {
            return this;
        }
        Instant start = now.isBefore(startsAt) ? now : startsAt;
        return new Silence(id, matchers, start, now, createdBy, comment, now);
    }
}
