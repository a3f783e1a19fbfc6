package io.touchpulse.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the options RocksDB itself recorded (its OPTIONS file) for the pipeline's persistent stores. */
class RocksDbSettingsTest {

    @Test
    void thePersistentStoresGetTheConfiguredMemtableSize() {
        try (PipelineDriver d = new PipelineDriver()) {
            assertThat(writeBufferSizes(d, Stores.CUSTOMERS)).containsOnly(64L * 1024 * 1024);
            assertThat(writeBufferSizes(d, Stores.CUSTOMER_DEADLINES)).containsOnly(64L * 1024 * 1024);
        }
        try (PipelineDriver d = new PipelineDriver(Map.of("rocksdb.write-buffer-bytes", "33554432"))) {
            assertThat(writeBufferSizes(d, Stores.CUSTOMERS)).containsOnly(33_554_432L);
        }
    }

    @Test
    void aSetterOfTheUsersOwnReplacesOurs() {
        try (PipelineDriver d = new PipelineDriver(Map.of("kafka.rocksdb.config.setter", EightMegabytes.class.getName()))) {
            assertThat(writeBufferSizes(d, Stores.CUSTOMERS)).containsOnly(8L * 1024 * 1024);
        }
    }

    public static final class EightMegabytes implements RocksDBConfigSetter {
        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            options.setWriteBufferSize(8L * 1024 * 1024);
        }

        @Override
        public void close(String storeName, Options options) {
        }
    }

    private static List<Long> writeBufferSizes(PipelineDriver d, String store) {
        try (Stream<Path> files = Files.walk(d.stateDir().toPath())) {
            List<Path> options = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")
                    && p.getParent().getFileName().toString().equals(store)).toList();
            assertThat(options).as("RocksDB options files of %s", store).isNotEmpty();
            return options.stream().map(RocksDbSettingsTest::dataWriteBufferSize).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** write_buffer_size of the column family with the data ("default"; Kafka Streams keeps its offsets in another). */
    private static long dataWriteBufferSize(Path optionsFile) {
        try {
            String section = "";
            for (String line : Files.readAllLines(optionsFile)) {
                String l = line.trim();
                if (l.startsWith("[")) {
                    section = l;
                } else if (section.equals("[CFOptions \"default\"]") && l.startsWith("write_buffer_size=")) {
                    return Long.parseLong(l.substring("write_buffer_size=".length()));
                }
            }
            throw new AssertionError("no write_buffer_size for the default column family in " + optionsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
