package io.touchpulse.http;

/** One instance's advertised HTTP endpoint (Kafka Streams' application.server), as the cluster layer addresses it. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
