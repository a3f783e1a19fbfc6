package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the measured rounds into the bench JSON (contract keys first, then details, settings and environment). */
final class BenchReport {
    private BenchReport() {
    }

    static Map<String, Object> of(BenchSettings s, BenchRunner.Round r, BenchRunner.Round warm, BenchRunner.Extras x,
                                  double totalSeconds) {
        AlertLatencyBench.Result alerts = x.alerts();
        double pipeline = r.pipeline().timing().eventsPerSecond();
        double baseline = r.baseline().timing().eventsPerSecond();
        double ratio = pipeline / baseline;
        double lateTotal = r.pipeline().lateCombiner() + r.pipeline().lateMerger();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pipeline_events_per_s", Math.round(pipeline));
        m.put("baseline_windowed_count_events_per_s", Math.round(baseline));
        m.put("raw_consume_events_per_s", Math.round(r.raw().eventsPerSecond()));
        m.put("ratio_to_baseline", round3(ratio));
        m.put("events_total", r.load().events());
        m.put("late_records_dropped", Math.round(lateTotal));
        List<AlertLatencies.Match> measured = alerts == null ? List.of() : alerts.latencies().matched();
        m.put("alert_latency_p50_ms", measured.isEmpty() ? null : AlertLatencies.percentile(measured, AlertLatencies.Match::totalMs, 0.50));
        m.put("alert_latency_p99_ms", measured.isEmpty() ? null : AlertLatencies.percentile(measured, AlertLatencies.Match::totalMs, 0.99));
        m.put("alert_transitions_measured", alerts == null ? null : measured.size());
        m.put("produce_events_per_s", Math.round(r.load().eventsPerSecond()));
        m.put("pipeline_vs_raw", round3(pipeline / r.raw().eventsPerSecond()));
        m.put("pipeline_cpu_us_per_event", round3(r.pipeline().timing().cpuMicrosPerEvent()));
        m.put("baseline_cpu_us_per_event", round3(r.baseline().timing().cpuMicrosPerEvent()));
        m.put("baseline_vs_raw", round3(baseline / r.raw().eventsPerSecond()));
        m.put("raw_produce_events_per_s", Math.round(r.rawProduce().eventsPerSecond()));
        m.put("pipeline_vs_raw_produce", round3(pipeline / r.rawProduce().eventsPerSecond()));
        m.put("baseline_vs_raw_produce", round3(baseline / r.rawProduce().eventsPerSecond()));
        List<HealthLatencies.Measured> health = x.live() == null ? List.of() : x.live().health();
        m.put("health_latency_p50_ms", health.isEmpty() ? null : HealthLatencies.percentile(health, 0.50));
        m.put("health_latency_p99_ms", health.isEmpty() ? null : HealthLatencies.percentile(health, 0.99));
        m.put("health_records_measured", x.live() == null ? null : health.size());
        Map<String, Object> sustained = x.sustained() == null ? null : LiveReport.of(x.sustained());
        m.put("sustained_events_per_s", sustained == null ? null
                : ((Map<?, ?>) sustained.get("processed_events_per_s_by_interval")).get("median"));

        Map<String, Object> late = new LinkedHashMap<>();
        late.put("combiner_late_to_dlq", Math.round(r.pipeline().lateCombiner()));
        late.put("merger_late_panes_events_dropped", Math.round(r.pipeline().lateMerger()));
        late.put("pipeline_streams_dropped_records", Math.round(r.pipeline().streamsDropped()));
        late.put("baseline_streams_dropped_records", Math.round(r.baseline().droppedRecords()));
        m.put("late", late);
        m.put("dlq_records", Math.round(r.pipeline().dlqTotal()));
        Map<String, Object> dlq = new LinkedHashMap<>();
        r.pipeline().dlqByReason().forEach((k, v) -> dlq.put(k, Math.round(v)));
        m.put("dlq_records_by_reason", dlq);
        m.put("signals", Math.round(r.pipeline().signals()));
        m.put("health_windows", Math.round(r.pipeline().healthWindows()));
        if (alerts != null) {
            m.put("alert_latency", AlertReport.of(alerts));
        }
        if (x.live() != null) {
            m.put("live", LiveReport.of(x.live()));
        }
        if (sustained != null) {
            m.put("sustained", sustained);
        }
        if (x.scaling() != null) {
            m.put("scaling", ScalingReport.of(x.scaling()));
        }
        if (x.state() != null) {
            m.put("state", StateReport.of(x.state()));
        }

        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("pipeline_events_per_s", BenchRunner.GOAL_EVENTS_PER_S);
        goal.put("ratio_to_baseline", BenchRunner.GOAL_RATIO);
        goal.put("met", pipeline >= BenchRunner.GOAL_EVENTS_PER_S && ratio >= BenchRunner.GOAL_RATIO);
        m.put("goal", goal);

        Map<String, Object> phases = new LinkedHashMap<>();
        if (warm != null) {
            phases.put("warmup_total", round3(warm.load().seconds() + warm.raw().seconds() + warm.rawProduce().seconds() + appSeconds(warm.baseline().timing())
                    + appSeconds(warm.pipeline().timing())));
        }
        phases.put("produce", round3(r.load().seconds()));
        phases.put("raw_consume", round3(r.raw().seconds()));
        phases.put("raw_produce", round3(r.rawProduce().seconds()));
        phases.put("baseline_startup", round3(r.baseline().timing().startupSeconds()));
        phases.put("baseline_processing", round3(r.baseline().timing().processingSeconds()));
        phases.put("pipeline_startup", round3(r.pipeline().timing().startupSeconds()));
        phases.put("pipeline_processing", round3(r.pipeline().timing().processingSeconds()));
        if (x.live() != null) {
            phases.put("live", round3(x.live().settings().duration().toMillis() / 1e3 + x.live().drainSeconds()));
        }
        if (x.sustained() != null) {
            phases.put("sustained", round3(x.sustained().settings().duration().toMillis() / 1e3 + x.sustained().drainSeconds()));
        }
        if (alerts != null) {
            phases.put("alerts_history", round3(alerts.historySeconds()));
            phases.put("alerts_live", round3(alerts.liveSeconds()));
            phases.put("alerts_drain", round3(alerts.drainSeconds()));
        }
        phases.put("total", round3(totalSeconds));
        m.put("phases_s", phases);

        if (warm != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("events", warm.load().events());
            w.put("raw_consume_events_per_s", Math.round(warm.raw().eventsPerSecond()));
            w.put("baseline_events_per_s", Math.round(warm.baseline().timing().eventsPerSecond()));
            w.put("pipeline_events_per_s", Math.round(warm.pipeline().timing().eventsPerSecond()));
            m.put("warmup", w);
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("events", s.events());
        settings.put("warmup_events", s.warmupEvents());
        settings.put("partitions", s.partitions());
        settings.put("threads", s.threads());
        settings.put("guarantee", s.guarantee());
        settings.put("seed", s.seed());
        settings.put("customers", s.customers());
        settings.put("profiles", r.load().profiles());
        settings.put("baseline_store", s.baselineStore());
        settings.put("commit_interval_ms", r.config().commitInterval().toMillis());
        settings.put("cache_max_bytes", r.config().cacheMaxBytes());
        settings.put("rocksdb_write_buffer_bytes", r.config().rocksdb().writeBufferBytes());
        settings.put("rocksdb_memory_bytes", r.config().rocksdb().boundBytes());
        settings.put("publish_signals", r.config().publishSignals());
        settings.put("sim_peak_events_per_s", EventLoad.PEAK_EVENTS_PER_S);
        settings.put("simulated_from", r.load().firstEventTime().toString());
        settings.put("simulated_to", r.load().simulatedEnd().toString());
        settings.put("alert_phase", s.alerts().enabled() ? AlertReport.settings(s.alerts(), alerts) : "skipped");
        settings.put("live_phase", s.live().enabled() ? live(s.live()) : "skipped");
        settings.put("sustained_phase", s.sustained().enabled() ? live(s.sustained()) : "skipped");
        settings.put("scaling_phase", s.scaling().enabled() ? Map.of("partitions", s.scaling().partitions(), "threads", s.scaling().threads(),
                "events", s.scaling().events()) : "skipped");
        settings.put("state_phase", s.state().enabled() ? Map.of("customers", s.state().customers(), "events_per_customer",
                s.state().eventsPerCustomer()) : "skipped");
        m.put("settings", settings);
        m.put("environment", Environment.facts());
        m.put("method", method(s));
        m.put("notes", notes(s, r, x));
        return m;
    }

    private static Map<String, Object> live(LiveSettings l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration_s", l.duration().toSeconds());
        m.put("rate", l.saturating() ? "saturating" : l.rate());
        if (l.saturating()) {
            m.put("max_backlog", l.maxBacklog());
        }
        return m;
    }

    private static double appSeconds(PhaseResult p) {
        return p.startupSeconds() + p.processingSeconds();
    }

    private static List<String> method(BenchSettings s) {
        List<String> m = new ArrayList<>(List.of(
                "Events are generated once by the simulator and produced to the input topics; every phase reads the same records.",
                "raw: one KafkaConsumer<byte[],byte[]> (read_committed, max.poll.records 1000) reads all input partitions from the beginning; clock from first poll to the last record.",
                "baseline and pipeline: the clock starts when KafkaStreams reports RUNNING (start-up, rebalance and global-store restore excluded) "
                        + "and stops at the first 50 ms poll where the app's committed offsets reach the end of every input partition and of every "
                        + "repartition partition it commits (downstream sub-topologies drained). Records committed before RUNNING are not counted.",
                "*_cpu_us_per_event: CPU time of the app's own threads (stream threads and their clients' network threads; not the broker) over the "
                        + "timed interval, per event. Barely affected by other load on the machine, unlike events/s.",
                "baseline: same StreamsSettings as the pipeline (guarantee, threads, commit interval, cache, compression); topology = stream(3 inputs, String/ByteArray) "
                        + "-> groupByKey -> 5m/1m hopping windows, 30s grace -> count -> output topic. No repartition.",
                "warm-up: before any timed phase, a separate round (own topics bench-warmup.*, own application ids) runs produce, raw, baseline and pipeline "
                        + "over --warmup events in this JVM, so the JIT has compiled the hot paths of all three; its numbers are reported under 'warmup' and not used.",
                "late_records_dropped = touchpulse_late_events over both stages: combiner (each also written to tp.dlq as LATE; not added twice) "
                        + "+ merger (events of whole panes dropped after the window closed, not in the DLQ)."));
        m.add("raw_produce: a sample of " + RawProduceBench.SAMPLE + " input records (as produced: keys, values, timestamps) is sent again, "
                + "cycling, as many times as there are events, to a fresh topic with the same partitions, by one KafkaProducer<byte[],byte[]> "
                + "with the simulator's producer settings (acks=all, idempotent, linger 10 ms, 256 KiB batches, lz4); clock from the "
                + "first send to the end of flush(). produce_events_per_s additionally generates and Avro-encodes the events.");
        if (s.live().enabled() || s.sustained().enabled()) {
            m.addAll(LiveReport.method());
        }
        if (s.alerts().enabled()) {
            m.addAll(AlertReport.method());
        }
        if (s.scaling().enabled()) {
            m.add(ScalingReport.method(s.scaling()));
        }
        if (s.state().enabled()) {
            m.addAll(StateReport.method(s.state()));
        }
        return m;
    }

    private static List<String> notes(BenchSettings s, BenchRunner.Round r, BenchRunner.Extras x) {
        AlertLatencyBench.Result alerts = x.alerts();
        List<String> n = new ArrayList<>();
        if (x.live() == null) {
            n.add("health_latency_p50_ms / health_latency_p99_ms / health_records_measured are null: the live phase was skipped (--live 0).");
        }
        for (LiveBench.Result l : java.util.Arrays.asList(x.live(), x.sustained())) {
            if (l != null && l.late() > 0) {
                n.add(Math.round(l.late()) + " events of a " + (l.settings().saturating() ? "saturating" : "paced") + " live phase were later "
                        + "than the grace (" + Math.round(l.dlq()) + " dead letters): produced while the pipeline reads, the input "
                        + "partitions drift apart in event time when it falls behind; its processed rate includes them.");
            }
        }
        if (x.sustained() == null) {
            n.add("sustained_events_per_s is null: no sustained phase (--sustained DURATION).");
        } else if (x.sustained().settings().saturating()) {
            n.add("sustained: saturating on purpose (backlog capped at " + x.sustained().settings().maxBacklog() + " records), so kept_up is "
                    + "null and its health latency includes the time records waited in the backlog.");
        }
        if (alerts == null) {
            n.add("alert_latency_p50_ms / alert_latency_p99_ms / alert_transitions_measured are null: the alert latency phase was skipped (--no-alerts).");
        } else {
            n.addAll(AlertReport.notes(alerts));
        }
        n.add("Broker, producer, consumers and the streams app share this machine's " + Runtime.getRuntime().availableProcessors()
                + " cores and JVM; the broker's work (fetch, append, transactions) is inside every number.");
        if (s.events() < 1_000_000) {
            n.add("fewer than 1M events: start-up and JIT effects dominate; do not compare with full runs.");
        }
        if (s.warmupEvents() == 0) {
            n.add("no warm-up: the first timed phases include JIT compilation.");
        }
        return n;
    }

    static double round3(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
