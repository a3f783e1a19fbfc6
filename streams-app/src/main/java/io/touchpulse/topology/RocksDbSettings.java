package io.touchpulse.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RocksDB options of the persistent stores (customer states and their promise deadlines): a larger memtable, and
 * optionally one memory bound for all of them.
 * <p>
 * Memtable: a customer state (1–2 KB) is rewritten at every commit that changed it, thousands a second per task: with
 * Kafka Streams' 16 MB memtables a store flushed every second or two and compacted mostly older copies of the same
 * customers, 4% of the process's CPU in RocksDB's background threads. With 64 MB a memtable holds several rewrites of
 * the same customers, which the flush writes once (sustained runs: 94,064 and 95,525 events/s with 16 MB, 100,135 and
 * 101,538 with 64 MB).
 * <p>
 * Memory without a bound: up to three memtables of {@code rocksdb.write-buffer-bytes} per store (Kafka Streams' default
 * count; one fills while one is flushed), plus Kafka Streams' 50 MB block cache per store; a store written little uses
 * little. Each partition is a store of its own, so this grows with the partitions an instance holds. With
 * {@code rocksdb.memory-bytes} (Kafka Streams' bounded-memory recipe) every store of the process shares one LRU block
 * cache of that size; index and filter blocks live in it too, and the memtables are charged to it through one
 * WriteBufferManager of half its size, which makes the stores flush when all their memtables together pass it. The
 * bound is soft (RocksDB lets a cache overflow rather than fail a read). Off heap, so not in the JVM's heap figures.
 */
public final class RocksDbSettings implements RocksDBConfigSetter {
    /** The Kafka Streams config key this setter reads (set from {@code rocksdb.write-buffer-bytes}). */
    public static final String WRITE_BUFFER_CONFIG = "touchpulse.rocksdb.write.buffer.bytes";
    /** The Kafka Streams config key this setter reads (set from {@code rocksdb.memory-bytes}; 0 = no bound). */
    public static final String MEMORY_BOUND_CONFIG = "touchpulse.rocksdb.memory.bytes";
    /** Share of the cache kept for index and filter blocks (Kafka Streams' recipe uses 0.1). */
    private static final double INDEX_FILTER_RATIO = 0.1;

    /**
     * The cache and write-buffer manager of each bound, shared by every store of the process (Kafka Streams creates a
     * setter per store) and never closed: they live as long as the process, as in Kafka Streams' recipe.
     */
    private static final Map<Long, SharedMemory> SHARED = new ConcurrentHashMap<>();

    private record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {
        static SharedMemory of(long bytes) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_RATIO);
            return new SharedMemory(cache, new WriteBufferManager(bytes / 2, cache));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object bytes = configs.get(WRITE_BUFFER_CONFIG);
        if (bytes != null) {
            options.setWriteBufferSize(Long.parseLong(bytes.toString()));
        }
        Object bound = configs.get(MEMORY_BOUND_CONFIG);
        long boundBytes = bound == null ? 0 : Long.parseLong(bound.toString());
        if (boundBytes > 0) {
            SharedMemory shared = SHARED.computeIfAbsent(boundBytes, SharedMemory::of);
            // the table config Kafka Streams set up (it keeps a reference for its cache metrics): change it, do not replace it
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setBlockCache(shared.cache());
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setTableFormatConfig(table);
            options.setWriteBufferManager(shared.writeBuffers());
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // the shared cache and write-buffer manager outlive every store; nothing else of its own to close
    }
}
