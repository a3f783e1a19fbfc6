package io.touchpulse.bench;

/**
 * What one bench run measures with: the same values apply to every phase, so the phases compare.
 *
 * @param events        events generated once and read by every phase (profiles not counted)
 * @param warmupEvents  events of a separate warm-up pass (own topics, own apps) run before any timed phase; 0 = none
 * @param partitions    partitions of every input topic
 * @param threads       Kafka Streams stream threads of both apps
 * @param seed          simulator seed
 * @param customers     simulated customers with a profile
 * @param guarantee     processing.guarantee of both apps
 * @param baselineStore window store of the baseline: "memory" (like the pipeline's stores) or "rocksdb" (Kafka Streams' default)
 * @param alerts        the alert-latency phase run after the throughput phases (or skipped)
 * @param live          the paced live phase measuring health-record latency (or skipped)
 * @param sustained     the long live phase (or skipped)
 * @param scaling       the partitions x threads matrix (or skipped)
 * @param state         the state-size points (or skipped)
 */
public record BenchSettings(long events, long warmupEvents, int partitions, int threads, long seed, int customers,
                            String guarantee, String baselineStore, AlertBenchSettings alerts, LiveSettings live,
                            LiveSettings sustained, ScalingSettings scaling, StateSettings state) {
    public BenchSettings {
        if (alerts == null) throw new IllegalArgumentException("alert phase settings are required (AlertBenchSettings.skipped() to skip it)");
        if (live == null || sustained == null || scaling == null || state == null)
            throw new IllegalArgumentException("live, sustained, scaling and state settings are required (their skipped() to skip them)");
        if (events < 1) throw new IllegalArgumentException("--events must be >= 1");
        if (warmupEvents < 0) throw new IllegalArgumentException("--warmup must be >= 0");
        if (partitions < 1) throw new IllegalArgumentException("--partitions must be >= 1");
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once"))
            throw new IllegalArgumentException("--guarantee must be exactly_once_v2 or at_least_once");
        if (!baselineStore.equals("memory") && !baselineStore.equals("rocksdb"))
            throw new IllegalArgumentException("--baseline-store must be memory or rocksdb");
    }
}
