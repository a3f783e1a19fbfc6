package io.touchpulse.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Loopback port helpers. The controller's port must be known before the broker starts
 * (it is part of {@code controller.quorum.voters}), so it is picked here rather than by
 * the kernel at bind time. A port picked this way can be taken by someone else before
 * Kafka binds it; {@link EmbeddedKafkaBroker} retries the start when that race is lost.
 */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            // no SO_REUSEADDR: a port in TIME_WAIT is not reported as free
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /** Whether something already listens on 127.0.0.1:port (or on the wildcard address). */
    static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Kafka binds with SO_REUSEADDR too, so a port in TIME_WAIT is usable: mirror that
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
