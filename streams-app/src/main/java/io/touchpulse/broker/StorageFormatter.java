package io.touchpulse.broker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Does what {@code kafka-storage.sh format} does: a KRaft node refuses to start on a log
 * directory without {@code meta.properties} and a bootstrap metadata snapshot. A directory
 * formatted by an earlier run is kept as is, so a persistent data dir survives restarts
 * (its cluster id is stored in it).
 */
final class StorageFormatter {

    private StorageFormatter() {
    }

    static void formatIfNeeded(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                // the formatter narrates to stdout; the CLI's stdout belongs to the user
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(BrokerProperties.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                // static voters (controller.quorum.voters) => kraft.version 0, no voter snapshot
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }
}
