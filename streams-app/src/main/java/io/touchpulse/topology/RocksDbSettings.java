package io.touchpulse.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB options of the persistent stores (customer states and their promise deadlines): a larger memtable. A customer
 * state (1–2 KB) is rewritten at every commit that changed it, thousands a second per task: with Kafka Streams' 16 MB
 * memtables a store flushed every second or two and compacted mostly older copies of the same customers, 4% of the
 * process's CPU in RocksDB's background threads. With 64 MB a memtable holds several rewrites of the same customers,
 * which the flush writes once (sustained runs: 94,064 and 95,525 events/s with 16 MB, 100,135 and 101,538 with 64 MB).
 * <p>
 * Memory: up to three memtables of {@code rocksdb.write-buffer-bytes} per store (Kafka Streams' default count; one
 * fills while one is flushed), plus Kafka Streams' 50 MB block cache per store; a store that is written little uses
 * little. Off heap, so not in the JVM's heap figures.
 */
public final class RocksDbSettings implements RocksDBConfigSetter {
    /** The Kafka Streams config key this setter reads (set from {@code rocksdb.write-buffer-bytes}). */
    public static final String WRITE_BUFFER_CONFIG = "touchpulse.rocksdb.write.buffer.bytes";

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object bytes = configs.get(WRITE_BUFFER_CONFIG);
        if (bytes != null) {
            options.setWriteBufferSize(Long.parseLong(bytes.toString()));
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing of its own to close
    }
}
