package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The state-size phase's part of the bench JSON: each measured point, and the cost per million customers. */
final class StateReport {
    private StateReport() {
    }

    static Map<String, Object> of(List<StateBench.Result> points) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> ps = new ArrayList<>();
        for (StateBench.Result r : points) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("customers", r.customers());
            p.put("profiles", r.profiles());
            p.put("events", r.events());
            p.put("customers_store_entries", r.customerEntries() < 0 ? null : r.customerEntries());
            p.put("pipeline_events_per_s", Math.round(r.events() / r.processingSeconds()));
            p.put("state_dir_mb", mb(r.stateDirBytes()));
            p.put("state_dir_mb_by_store", mbByName(r.storeBytes()));
            p.put("rocksdb_memtable_mb", mb(r.memtableTotalBytes()));
            p.put("rocksdb_memtable_mb_by_store", mbByName(r.memtableBytes()));
            p.put("changelog_and_repartition_mb", mb(r.internalBytes()));
            p.put("internal_topic_mb", mbByName(r.internalTopicBytes()));
            p.put("output_topic_mb", mbByName(r.outputTopicBytes()));
            p.put("heap_delta_mb", mb(r.heapDeltaBytes()));
            ps.add(p);
        }
        m.put("points", ps);
        Map<String, Object> perMillion = new LinkedHashMap<>();
        perMillion.put("state_dir_mb", perMillion(points, StateBench.Result::stateDirBytes));
        perMillion.put("rocksdb_memtable_mb", perMillion(points, StateBench.Result::memtableTotalBytes));
        perMillion.put("changelog_and_repartition_mb", perMillion(points, StateBench.Result::internalBytes));
        perMillion.put("heap_mb", perMillion(points, StateBench.Result::heapDeltaBytes));
        perMillion.put("how", points.size() >= 2
                ? "slope between the smallest and the largest point, times 1,000,000 (linear extrapolation: fixed costs cancel out)"
                : "the single point scaled linearly to 1,000,000 customers (fixed costs included; measure two points for a slope)");
        m.put("per_million_customers", perMillion);
        return m;
    }

    /** MB per million customers: the slope between the extreme points, or the one point scaled. */
    static double perMillion(List<StateBench.Result> points, ToLongFunction<StateBench.Result> f) {
        StateBench.Result lo = points.stream().min(java.util.Comparator.comparingInt(StateBench.Result::customers)).orElseThrow();
        StateBench.Result hi = points.stream().max(java.util.Comparator.comparingInt(StateBench.Result::customers)).orElseThrow();
        double perCustomer = hi.customers() == lo.customers() ? f.applyAsLong(hi) / (double) hi.customers()
                : (f.applyAsLong(hi) - f.applyAsLong(lo)) / (double) (hi.customers() - lo.customers());
        return mb(Math.round(perCustomer * 1_000_000));
    }

    static List<String> method(StateSettings s) {
        return List.of("state: per point, N profiles and " + s.eventsPerCustomer() + " x N events (the load's simulator) on their own topics; "
                + "the pipeline runs over them to the end; then, with it still running: files below its state dir per store "
                + "(RocksDB stores; in-memory stores have no files), RocksDB's memtables per store (Kafka Streams' size-all-mem-tables: "
                + "off heap, not yet flushed to files; under exactly-once a store flushes when a memtable is full, so a small "
                + "store's state may be all in memtables and none in files), the broker's log bytes of its changelog and repartition topics "
                + "and of the phase's output topics (describeLogDirs), and heap delta = used heap after a full GC with the app caught "
                + "up minus the same before it started (the broker shares the JVM; RocksDB's native memory is not included). "
                + "customers_store_entries is RocksDB's estimate. per_million_customers extrapolates linearly.");
    }

    /** Bytes by store or topic name as MB, in the same order. */
    private static Map<String, Object> mbByName(Map<String, Long> bytes) {
        Map<String, Object> out = new LinkedHashMap<>();
        bytes.forEach((k, v) -> out.put(k, mb(v)));
        return out;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0;
    }
}
