package io.touchpulse.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller in one process) running inside
 * this JVM. It exists so that {@code demo}, {@code bench} and end-to-end tests need neither
 * Docker nor a Kafka installation, while still talking to Kafka's own broker code over TCP:
 * transactions, compaction and consumer groups behave exactly as in production.
 *
 * <p>Listens on 127.0.0.1 only. Not a production broker: one replica, no security.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Attempts when a port we picked ourselves is taken before Kafka binds it. */
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Formats the storage if needed and starts the broker; returns once it accepts clients.
     *
     * @param port    the client port on 127.0.0.1; 0 picks a free one
     * @param dataDir the broker's log directory, kept on close (created if missing, reused if
     *                formatted by an earlier run); {@code null} for a fresh temporary directory
     *                deleted on close
     * @throws PortInUseException if {@code port} is taken
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        // fail before touching the disk, with a message the CLI can show as is
        if (port != 0 && Ports.inUse(port)) {
            throw new PortInUseException(port, null);
        }
        boolean temporary = dataDir == null;
        Path logDir = temporary ? createTempDir() : dataDir.toAbsolutePath();
        try {
            long startNanos = System.nanoTime();
            StorageFormatter.formatIfNeeded(logDir);
            EmbeddedKafkaBroker broker = startWithRetries(port, logDir, temporary);
            log.info("Embedded Kafka broker listening on {} (data in {}), started in {} ms",
                    broker.bootstrapServers(), logDir, (System.nanoTime() - startNanos) / 1_000_000);
            return broker;
        } catch (RuntimeException | Error e) {
            deleteIfTemporary(logDir, temporary);
            throw e;
        } catch (Exception e) {
            deleteIfTemporary(logDir, temporary);
            throw new IllegalStateException("Cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static EmbeddedKafkaBroker startWithRetries(int requestedPort, Path logDir, boolean temporary) {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = requestedPort != 0 ? requestedPort : Ports.freePort();
            int controllerPort = freePortOtherThan(brokerPort);
            KafkaRaftServer server = new KafkaRaftServer(
                    new KafkaConfig(BrokerProperties.of(brokerPort, controllerPort, logDir), false), Time.SYSTEM);
            try {
                server.startup();
                return new EmbeddedKafkaBroker(server, brokerPort, logDir, temporary);
            } catch (RuntimeException e) {
                stopQuietly(server);
                if (!isBindFailure(e)) {
                    throw e;
                }
                if (requestedPort != 0 && mentionsPort(e, requestedPort)) {
                    throw new PortInUseException(requestedPort, e);
                }
                // otherwise a port we picked ourselves was taken in between: pick again
                if (attempt >= START_ATTEMPTS) {
                    throw e;
                }
                log.debug("Port race lost while starting the embedded broker, retrying", e);
            }
        }
    }

    /** e.g. {@code "127.0.0.1:9092"}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    /**
     * Creates the topics that do not exist yet (replication 1), then waits until every
     * partition has a leader that answers ListOffsets (KAFKA-15591), at most 30 s.
     *
     * @param configsByTopic topic configs by topic name, e.g. {@code cleanup.policy=compact};
     *                       may be empty or miss topics
     */
    public void createTopics(Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic) {
        TopicProvisioner.createAndAwait(bootstrapServers(), partitionsByTopic, configsByTopic);
    }

    /**
     * Stops the broker and controller and deletes a temporary data directory. Idempotent;
     * synchronized so that a shutdown hook racing the main thread waits for the first close.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopQuietly(server);
        } finally {
            deleteIfTemporary(logDir, deleteOnClose);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while stopping the embedded Kafka broker", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("touchpulse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
        }
    }

    private static void deleteIfTemporary(Path dir, boolean temporary) {
        if (!temporary) {
            return;
        }
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            log.warn("Cannot delete the embedded broker's temporary directory {}", dir, e);
        }
    }

    private static int freePortOtherThan(int port) {
        int candidate = Ports.freePort();
        while (candidate == port) {
            candidate = Ports.freePort();
        }
        return candidate;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.net.BindException || message.contains("failed to bind")
                    || message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsPort(Throwable e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(":" + port)) {
                return true;
            }
        }
        return false;
    }
}
