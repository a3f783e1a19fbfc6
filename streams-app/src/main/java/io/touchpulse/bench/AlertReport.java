package io.touchpulse.bench;

import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/** The alert phase's part of the bench JSON: the distribution, where the time goes, what was simulated, how it was measured. */
final class AlertReport {
    private AlertReport() {
    }

    static Map<String, Object> of(AlertLatencyBench.Result a) {
        List<AlertLatencies.Match> m = a.latencies().matched();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transitions_emitted", a.emitted().size());
        out.put("transitions_measured", m.size());
        out.put("firing_measured", m.stream().filter(x -> x.emitted().status().equals("FIRING")).count());
        out.put("resolved_measured", m.stream().filter(x -> x.emitted().status().equals("RESOLVED")).count());
        out.put("transitions_superseded", a.latencies().superseded().size());
        out.put("transitions_not_delivered", a.latencies().unmatched().size());
        out.put("webhook_posts", a.posts());
        out.put("webhook_bad_signatures", a.badSignatures());
        out.put("window_close_to_webhook_ms", distribution(m, AlertLatencies.Match::totalMs));
        // a fresh dispatcher's first webhook also pays for its first Kafka transaction and the HTTP client's first connection
        out.put("after_first_webhook_ms", distribution(afterFirstWebhook(m), AlertLatencies.Match::totalMs));
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("window_close_to_committed", distribution(m, AlertLatencies.Match::commitMs));
        parts.put("window_close_to_dispatch_decision", distribution(m, AlertLatencies.Match::decisionMs));
        parts.put("dispatch_decision_to_webhook_received", distribution(m, AlertLatencies.Match::sendMs));
        out.put("breakdown_ms", parts);
        out.put("slowest", slowest(a, 3));
        Timer http = a.httpAttempt();
        if (http != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("attempts", http.count());
            h.put("mean", round1(http.mean(TimeUnit.MILLISECONDS)));
            out.put("dispatcher_http_attempt_ms", h);
        }
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        a.emitted().forEach(e -> byGroup.merge(e.group(), 1L, Long::sum));
        out.put("transitions_by_segment_touchpoint", byGroup);
        out.put("history_events", a.historyEvents());
        out.put("live_events", a.liveEvents());
        out.put("late_events_history", Math.round(a.lateHistory()));
        out.put("late_events_live", Math.round(a.lateLive()));
        out.put("dlq_records", Math.round(a.dlqRecords()));
        return out;
    }

    private static Map<String, Object> distribution(List<AlertLatencies.Match> m, ToLongFunction<AlertLatencies.Match> f) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (m.isEmpty()) {
            return d;
        }
        d.put("min", AlertLatencies.percentile(m, f, 1e-9));
        d.put("p50", AlertLatencies.percentile(m, f, 0.50));
        d.put("p90", AlertLatencies.percentile(m, f, 0.90));
        d.put("p99", AlertLatencies.percentile(m, f, 0.99));
        d.put("max", AlertLatencies.percentile(m, f, 1.0));
        d.put("mean", round1(m.stream().mapToLong(f).average().orElse(0)));
        return d;
    }

    private static List<AlertLatencies.Match> afterFirstWebhook(List<AlertLatencies.Match> m) {
        long first = m.stream().mapToLong(x -> x.received().receivedAtMs()).min().orElse(Long.MIN_VALUE);
        return m.stream().filter(x -> x.received().receivedAtMs() > first).toList();
    }

    /** The slowest transitions with their parts, and which webhook of the run delivered them (1 = the first). */
    private static List<Map<String, Object>> slowest(AlertLatencyBench.Result a, int n) {
        List<AlertLatencies.Received> posts = a.latencies().matched().stream().map(AlertLatencies.Match::received).distinct()
                .sorted(java.util.Comparator.comparingLong(AlertLatencies.Received::receivedAtMs)).toList();
        return a.latencies().matched().stream()
                .sorted(java.util.Comparator.comparingLong(AlertLatencies.Match::totalMs).reversed()).limit(n)
                .map(x -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", x.emitted().status());
                    m.put("segment_touchpoint", x.emitted().group());
                    m.put("total_ms", x.totalMs());
                    m.put("committed_ms", x.commitMs());
                    m.put("dispatch_decision_ms", x.decisionMs());
                    m.put("decision_to_received_ms", x.sendMs());
                    m.put("webhook_number", posts.indexOf(x.received()) + 1);
                    return m;
                }).toList();
    }

    static Map<String, Object> settings(AlertBenchSettings s, AlertLatencyBench.Result a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("speed", s.speed());
        out.put("live_simulated_minutes", s.live().toMinutes());
        out.put("events_per_s_peak", s.eventsPerSecond());
        out.put("customers", s.customers());
        if (a != null) {
            out.put("history_simulated_minutes", a.scenario().history().toMinutes());
            out.put("live_wall_s", round1(a.scenario().liveWall().toMillis() / 1e3));
            out.put("simulated_from", a.scenario().sim().start().toString());
            out.put("live_from", a.scenario().liveStart().toString());
            out.put("incidents", a.scenario().describe());
        }
        out.put("route", "one webhook receiver (Standard Webhooks, signed) on 127.0.0.1; group by segment, touchpoint; groupWait 0s; groupInterval 0s");
        return out;
    }

    static List<String> method() {
        return List.of(
                "alerts: after the throughput phases, the full pipeline (same guarantee, commit interval and threads) and the alert dispatcher run on "
                        + "their own topics (" + AlertLatencyBench.PREFIX + "*). The simulator first produces an hour of history as fast as possible "
                        + "(detector baselines need 30 one-minute windows), then the apps start and the bench waits until the pipeline has "
                        + "processed it; then the simulator runs live at the given speed with scripted incidents on several segment x "
                        + "touchpoints, repeating.",
                "alert_latency_p50_ms / p99_ms: per alert transition (FIRING, RESOLVED, and FIRING again on a severity change), from the record's "
                        + "tp.emitted-at header (wall clock when the alert stage decided it, at window close) to the wall clock when the local "
                        + "receiver had read the webhook POST naming it. Transitions are matched to POSTs by fingerprint, status, severity and "
                        + "startsAt (the first POST at or after the emission; a POST names the whole segment x touchpoint group). "
                        + "Percentiles are nearest-rank over the transitions measured. tp.emitted-at is the stream thread's clock for the "
                        + "batch it is processing (ProcessorContext.currentSystemTimeMs), at most a few ms before the decision: it errs long.",
                "breakdown: 'committed' = when a read_committed consumer beside the dispatcher polled the record (the pipeline's transaction "
                        + "committed); 'dispatch_decision' = the payload's timestamp (the dispatcher decided to notify, right after its poll); "
                        + "'decision_to_webhook_received' = the dispatcher's state transaction, handing over to a delivery thread and the HTTP POST.");
    }

    static List<String> notes(AlertLatencyBench.Result a) {
        List<String> n = new ArrayList<>();
        List<AlertLatencies.Match> m = a.latencies().matched();
        int measured = m.size();
        List<AlertLatencies.Match> rest = afterFirstWebhook(m);
        if (!rest.isEmpty()) {
            n.add("the run's first webhook (" + (measured - rest.size()) + " transitions, " + m.stream().filter(x -> !rest.contains(x))
                    .mapToLong(AlertLatencies.Match::totalMs).max().orElse(0) + " ms) includes the fresh dispatcher's first Kafka transaction "
                    + "and the HTTP client's first connection; without it: p50 " + AlertLatencies.percentile(rest, AlertLatencies.Match::totalMs, 0.5)
                    + " ms, p99 " + AlertLatencies.percentile(rest, AlertLatencies.Match::totalMs, 0.99) + " ms (after_first_webhook_ms).");
        }
        if (measured < 100) {
            n.add("alert latency p99 over " + measured + " transitions (< 100): nearest rank makes it the largest value measured.");
        }
        if (!a.latencies().superseded().isEmpty()) {
            n.add(a.latencies().superseded().size() + " alert transitions were superseded: the dispatcher read a later transition of the same "
                    + "alert (e.g. its escalation) in the same poll and sent only that one, so they have no latency of their own.");
        }
        if (!a.latencies().unmatched().isEmpty()) {
            n.add(a.latencies().unmatched().size() + " alert transitions were not delivered within the wait after the run and are not in the "
                    + "percentiles: " + a.latencies().unmatched().stream().map(e -> e.status() + " " + e.key()).toList());
        }
        if (a.lateHistory() + a.lateLive() > 0) {
            n.add(Math.round(a.lateHistory() + a.lateLive()) + " events of the alert phase arrived later than the grace and went to the DLQ "
                    + "(late_events_*); alerts about the gaps they leave are among the transitions measured.");
        }
        if (a.badSignatures() > 0) {
            n.add(a.badSignatures() + " webhook POSTs had a signature that did not verify.");
        }
        return n;
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
