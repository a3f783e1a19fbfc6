package io.touchpulse.broker;

/**
 * Thrown when the embedded broker cannot listen on the requested port. A type of its own
 * so the CLI can tell this user error (pick another {@code --kafka-port}) from a crash.
 */
public final class PortInUseException extends IllegalStateException {

    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("Cannot start the embedded Kafka broker: port " + port + " on " + Ports.HOST
                + " is already in use (another Kafka running?). Choose another port, or 0 for a free one.",
                cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
