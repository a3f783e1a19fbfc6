package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A live phase's part of the bench JSON: throughput and lag per interval, heap, health-record latency. */
final class LiveReport {
    /** Length of the intervals throughput is reported in; the last, shorter one is kept if it is at least a quarter of this (or the only one). */
    static final long INTERVAL_MS = 30_000;

    private LiveReport() {
    }

    static Map<String, Object> of(LiveBench.Result r) {
        LiveSettings s = r.settings();
        List<LiveSample> live = r.samples().subList(0, r.samples().size() - 1);
        LiveSample first = live.get(0);
        LiveSample last = live.get(live.size() - 1);
        double seconds = (last.atMs() - first.atMs()) / 1e3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", s.saturating() ? "saturating" : "paced");
        m.put("target_events_per_s", s.saturating() ? null : s.rate());
        m.put("speed", s.saturating() ? null : s.speed());
        m.put("duration_s", s.duration().toSeconds());
        m.put("events", r.events());
        m.put("produced_events_per_s", Math.round((last.produced() - first.produced()) / seconds));
        m.put("processed_events_per_s", Math.round((last.committed() - first.committed()) / seconds));
        List<Map<String, Object>> intervals = intervals(live);
        List<Long> processed = intervals.stream().map(i -> (Long) i.get("processed_events_per_s")).sorted().toList();
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("min", processed.isEmpty() ? null : processed.get(0));
        rate.put("median", processed.isEmpty() ? null : processed.get(processed.size() / 2));
        rate.put("max", processed.isEmpty() ? null : processed.get(processed.size() - 1));
        m.put("processed_events_per_s_by_interval", rate);
        m.put("lag_end", last.lag());
        m.put("lag_max", live.stream().mapToLong(LiveSample::lag).max().orElse(0));
        m.put("kept_up", s.saturating() ? null : keptUp(last, (last.produced() - first.produced()) / seconds));
        m.put("drain_s", round1(r.drainSeconds()));
        m.put("heap_used_mb_max", mb(live.stream().mapToLong(LiveSample::heapUsed).max().orElse(0)));
        m.put("pipeline_cpu_us_per_event", cpuMicrosPerEvent(first, last));
        m.put("jvm_cpu_cores", cores(first, last));
        m.put("intervals", intervals);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("records_seen", r.healthRecords());
        h.put("records_measured", r.health().size());
        h.put("window_ends_measured", r.health().stream().map(HealthLatencies.Measured::windowEndMs).distinct().count());
        if (!r.health().isEmpty()) {
            h.put("min", HealthLatencies.percentile(r.health(), 1e-9));
            h.put("p50", HealthLatencies.percentile(r.health(), 0.50));
            h.put("p90", HealthLatencies.percentile(r.health(), 0.90));
            h.put("p99", HealthLatencies.percentile(r.health(), 0.99));
            h.put("max", HealthLatencies.percentile(r.health(), 1.0));
        }
        m.put("health_latency_ms", h);
        m.put("late_events", Math.round(r.late()));
        m.put("dlq_records", Math.round(r.dlq()));
        m.put("simulated_from", r.simFrom().toString());
        m.put("simulated_to", r.simTo().toString());
        return m;
    }

    /** The lag at the end of the stretch was at most two seconds of input at the produced rate (at least 10,000 records). */
    static boolean keptUp(LiveSample last, double producedPerS) {
        return last.lag() <= Math.max(10_000, 2 * producedPerS);
    }

    /** Consecutive intervals of {@link #INTERVAL_MS}, from the first sample on. */
    static List<Map<String, Object>> intervals(List<LiveSample> samples) {
        List<Map<String, Object>> out = new ArrayList<>();
        LiveSample from = samples.get(0);
        long t0 = from.atMs();
        for (int i = 1; i < samples.size(); i++) {
            LiveSample x = samples.get(i);
            boolean lastSample = i == samples.size() - 1;
            long span = x.atMs() - from.atMs();
            // the last, shorter interval counts if it is long enough to say something, or if it is the only one (short runs)
            if (span >= INTERVAL_MS || (lastSample && (span >= INTERVAL_MS / 4 || out.isEmpty()))) {
                long lagMax = samples.subList(samples.indexOf(from), i + 1).stream().mapToLong(LiveSample::lag).max().orElse(0);
                long heapMax = samples.subList(samples.indexOf(from), i + 1).stream().mapToLong(LiveSample::heapUsed).max().orElse(0);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from_s", round1((from.atMs() - t0) / 1e3));
                m.put("to_s", round1((x.atMs() - t0) / 1e3));
                m.put("produced_events_per_s", Math.round((x.produced() - from.produced()) * 1e3 / span));
                m.put("processed_events_per_s", Math.round((x.committed() - from.committed()) * 1e3 / span));
                m.put("lag_end", x.lag());
                m.put("lag_max", lagMax);
                m.put("heap_used_mb_max", mb(heapMax));
                m.put("pipeline_cpu_us_per_event", cpuMicrosPerEvent(from, x));
                m.put("jvm_cpu_cores", cores(from, x));
                out.add(m);
                from = x;
            }
        }
        return out;
    }

    static List<String> method() {
        return List.of(
                "live phases (live, sustained): own topics and application id; profiles first, then the pipeline is started and RUNNING, "
                        + "then the simulator produces for the set wall time with the same producer settings as the load. Paced: simulated "
                        + "time runs target / " + Math.round(EventLoad.PEAK_EVENTS_PER_S) + " times faster than the wall clock (the same "
                        + "simulated rate as the load, from yesterday 10:00 UTC), in 10 ms steps. Saturating (rate 0): as fast as possible, "
                        + "paused while more than the backlog cap of input records is not yet committed, so the pipeline never runs dry "
                        + "and the broker's disk stays bounded.",
                "Every second: events produced, input end offsets, the group's committed input offsets, JVM heap used (broker, producer "
                        + "and pipeline together, no GC forced). processed_events_per_s = committed input offsets per second over each 30 s "
                        + "interval; pipeline_cpu_us_per_event = CPU time of the pipeline's own threads (not the broker's, not the load "
                        + "producer's) per committed input record; jvm_cpu_cores = CPU time of the whole JVM (broker, load producer, "
                        + "pipeline) per wall-clock second, out of the machine's cores; lag = input end offsets - committed offsets, all input partitions; kept_up (paced only) = the lag at "
                        + "the end of the stretch was at most 2 s of input at the produced rate (at least 10,000 records).",
                "health_latency: per health record on tp.touchpoint-health, from the wall clock when the producer had sent every event "
                        + "stamped before window end + grace (no window can be final earlier: the watermark includes the grace) to the "
                        + "wall clock when a read_committed consumer polled the record. It covers watermark propagation through the pane "
                        + "topic, the merge and the exactly-once commit, plus the producer's linger; the window length and the grace are "
                        + "not in it (an event's record comes window end + grace - event time later, in simulated time). Windows that "
                        + "closed within 1 simulated second of the producer's last step are left out. Nearest-rank percentiles; one window "
                        + "end gives one record per segment x touchpoint, all at about the same time.");
    }

    /** CPU of the pipeline's own threads per input record it committed in between; null if unknown or none committed. */
    static Double cpuMicrosPerEvent(LiveSample from, LiveSample to) {
        long events = to.committed() - from.committed();
        if (from.appCpuNs() < 0 || to.appCpuNs() < 0 || events <= 0) {
            return null;
        }
        return Math.round((to.appCpuNs() - from.appCpuNs()) / 1e3 / events * 1000) / 1000.0;
    }

    /** Cores the whole JVM kept busy in between (broker, load producer and pipeline); null if unknown. */
    static Double cores(LiveSample from, LiveSample to) {
        long ms = to.atMs() - from.atMs();
        if (from.jvmCpuNs() < 0 || to.jvmCpuNs() < 0 || ms <= 0) {
            return null;
        }
        return Math.round((to.jvmCpuNs() - from.jvmCpuNs()) / 1e6 / ms * 100) / 100.0;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0;
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
