package io.touchpulse.topology;

/** An input record that decodes but cannot be used (missing field, impossible value); it goes to tp.dlq with this message. */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
