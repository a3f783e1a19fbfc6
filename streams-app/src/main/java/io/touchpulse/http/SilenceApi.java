package io.touchpulse.http;

import java.util.Optional;

/**
 * What {@code /api/silences} needs, implemented by the alert dispatcher. JSON text in and out, so
 * this package knows nothing of alert types. Invalid input: {@link IllegalArgumentException}
 * (400); dispatcher not running: {@link IllegalStateException} (503).
 */
public interface SilenceApi {

    /** @return the created silence, with its id and status */
    String create(String requestJson);

    /** @param state {@code active}, {@code pending}, {@code expired}, or null for all */
    String list(String state);

    Optional<String> get(String id);

    /** Ends a silence now; empty when there is no such silence. */
    Optional<String> expire(String id);
}
