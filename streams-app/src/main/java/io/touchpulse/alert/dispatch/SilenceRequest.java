package io.touchpulse.alert.dispatch;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/silences}, checked by {@link #validate}. */
public record SilenceRequest(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    /** Limits of one silence: it is kept in memory and in the state topic, and matched against every alert. */
    static final int MAX_MATCHERS = 16;
    static final int MAX_CREATED_BY_CHARS = 200;
    static final int MAX_COMMENT_CHARS = 2000;

    /** @return the silence with an id, starting now when no start is given */
    public Silence validate(String id, Instant now) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new IllegalArgumentException(matchers.size() + " matchers, at most " + MAX_MATCHERS);
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
        if (createdBy.length() > MAX_CREATED_BY_CHARS) {
            throw new IllegalArgumentException("createdBy of " + createdBy.length() + " characters, at most " + MAX_CREATED_BY_CHARS);
        }
        if (comment.length() > MAX_COMMENT_CHARS) {
            throw new IllegalArgumentException("comment of " + comment.length() + " characters, at most " + MAX_COMMENT_CHARS);
        }
        return new Silence(id, List.copyOf(matchers), start, endsAt, createdBy.trim(), comment.trim(), now);
    }
}
