package io.touchpulse.alert.dispatch;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/silences}, checked by {@link #validate}. */
public record SilenceRequest(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    /** @return the silence with an id, starting now when no start is given */
    public Silence validate(String id, Instant now) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (endsAt == null) {
            throw new IllegalArgumentException("endsAt is required");
        }
        Instant start = startsAt == null || startsAt.isBefore(now) ? now : startsAt;
        if (!endsAt.isAfter(start)) {
            throw new IllegalArgumentException("endsAt must be after startsAt and in the future");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("createdBy is required");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment is required (why is it silenced?)");
        }
        return new Silence(id, List.copyOf(matchers), start, endsAt, createdBy.trim(), comment.trim(), now);
    }
}
