package io.touchpulse.config;

/**
 * Off-heap memory of the persistent (RocksDB) stores.
 *
 * @param writeBufferBytes memtable size of each store ({@code rocksdb.write-buffer-bytes})
 * @param boundBytes       {@code rocksdb.memory-bytes}: one block cache of this size for every store of the process,
 *                         their memtables charged to it and flushed once they pass half of it; 0 = no bound (Kafka
 *                         Streams' default: a 50 MB block cache per store and up to three memtables per store)
 */
public record RocksDbMemory(long writeBufferBytes, long boundBytes) {
    public RocksDbMemory {
        if (writeBufferBytes <= 0) {
            throw new IllegalArgumentException("rocksdb.write-buffer-bytes=" + writeBufferBytes + " must be > 0");
        }
        if (boundBytes < 0) {
            throw new IllegalArgumentException("rocksdb.memory-bytes=" + boundBytes + " must be >= 0 (0: no bound)");
        }
        if (boundBytes > 0 && boundBytes / 2 < writeBufferBytes) {
            throw new IllegalArgumentException("rocksdb.memory-bytes=" + boundBytes + " leaves memtables half of it, less than one memtable of "
                    + "rocksdb.write-buffer-bytes=" + writeBufferBytes + ": raise it to at least " + 2 * writeBufferBytes);
        }
    }

    public boolean bounded() {
        return boundBytes > 0;
    }
}
