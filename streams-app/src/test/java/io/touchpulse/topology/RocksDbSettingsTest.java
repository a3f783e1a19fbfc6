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
            assertThat(rocksDbMetric(d, "block-cache-capacity")).as("the default bound").isNotEmpty()
                    .allSatisfy((store, capacity) -> assertThat(capacity).isEqualTo(512.0 * 1024 * 1024));
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

    @Test
    void withAMemoryBoundEveryStoreSharesOneBlockCacheOfThatSize() {
        long bound = 192L * 1024 * 1024;
        try (PipelineDriver d = new PipelineDriver(Map.of("rocksdb.memory-bytes", String.valueOf(bound)))) {
            assertThat(rocksDbMetric(d, "block-cache-capacity")).as("per store").isNotEmpty().containsOnlyKeys(Stores.CUSTOMERS, Stores.CUSTOMER_DEADLINES)
                    .allSatisfy((store, capacity) -> assertThat(capacity).isEqualTo((double) bound));
            assertThat(tableOption(d, Stores.CUSTOMERS, "cache_index_and_filter_blocks")).isEqualTo("true");
        }
        try (PipelineDriver d = new PipelineDriver(Map.of("rocksdb.memory-bytes", "0"))) {
            assertThat(rocksDbMetric(d, "block-cache-capacity")).as("no bound: Kafka Streams' default, a cache per store").isNotEmpty()
                    .allSatisfy((store, capacity) -> assertThat(capacity).isEqualTo(50.0 * 1024 * 1024));
            assertThat(tableOption(d, Stores.CUSTOMERS, "cache_index_and_filter_blocks")).isEqualTo("false");
        }
    }

    /** A Kafka Streams RocksDB metric by store (the value of any one partition: this driver runs one). */
    private static Map<String, Double> rocksDbMetric(PipelineDriver d, String name) {
        Map<String, Double> out = new java.util.TreeMap<>();
        d.driver.metrics().forEach((n, m) -> {
            String store = n.tags().get("rocksdb-state-id");
            if (n.name().equals(name) && store != null && m.metricValue() instanceof Number v) {
                out.put(store, v.doubleValue());
            }
        });
        return out;
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
        return optionsFiles(d, store).stream().map(RocksDbSettingsTest::dataWriteBufferSize).toList();
    }

    private static List<Path> optionsFiles(PipelineDriver d, String store) {
        try (Stream<Path> files = Files.walk(d.stateDir().toPath())) {
            List<Path> options = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")
                    && p.getParent().getFileName().toString().equals(store)).toList();
            assertThat(options).as("RocksDB options files of %s", store).isNotEmpty();
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** write_buffer_size of the column family with the data ("default"; Kafka Streams keeps its offsets in another). */
    private static long dataWriteBufferSize(Path optionsFile) {
        return Long.parseLong(option(optionsFile, "[CFOptions \"default\"]", "write_buffer_size"));
    }

    /** An option of the data column family's block-based table, from the store's first options file. */
    private static String tableOption(PipelineDriver d, String store, String key) {
        return option(optionsFiles(d, store).get(0), "[TableOptions/BlockBasedTable \"default\"]", key);
    }

    private static String option(Path optionsFile, String inSection, String key) {
        try {
            String section = "";
            for (String line : Files.readAllLines(optionsFile)) {
                String l = line.trim();
                if (l.startsWith("[")) {
                    section = l;
                } else if (section.equals(inSection) && l.startsWith(key + "=")) {
                    return l.substring(key.length() + 1);
                }
            }
            throw new AssertionError("no " + key + " in section " + inSection + " of " + optionsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
