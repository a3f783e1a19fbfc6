package io.touchpulse.alert.notify;

import java.time.Duration;

/**
 * A failed delivery attempt. Retryable: connection refused or reset, time-outs, 408, 425, 429
 * and 5xx. Not retryable: other 4xx (the request itself is wrong, sending it again cannot help)
 * and redirects (the Standard Webhooks advice: fix the URL instead of following them).
 */
public final class DeliveryException extends Exception {
    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException forStatus(int status, Duration retryAfter) {
        boolean retry = status == 408 || status == 425 || status == 429 || status >= 500;
        return new DeliveryException("HTTP " + status, retry, retryAfter, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The receiver's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
