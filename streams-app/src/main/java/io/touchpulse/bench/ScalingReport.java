package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scaling phase's part of the bench JSON: one row per partitions x threads. */
final class ScalingReport {
    private ScalingReport() {
    }

    /** The matrix as rows: the measured round's keys per partitions x threads. */
    static List<Map<String, Object>> of(List<BenchRunner.ScalingPoint> points) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BenchRunner.ScalingPoint p : points) {
            BenchRunner.Round r = p.round();
            double pipeline = r.pipeline().timing().eventsPerSecond();
            double baseline = r.baseline().timing().eventsPerSecond();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partitions", p.partitions());
            m.put("threads", p.threads());
            m.put("pipeline_events_per_s", Math.round(pipeline));
            m.put("baseline_windowed_count_events_per_s", Math.round(baseline));
            m.put("ratio_to_baseline", BenchReport.round3(pipeline / baseline));
            m.put("raw_consume_events_per_s", Math.round(r.raw().eventsPerSecond()));
            m.put("raw_produce_events_per_s", Math.round(r.rawProduce().eventsPerSecond()));
            m.put("produce_events_per_s", Math.round(r.load().eventsPerSecond()));
            m.put("late_records_dropped", Math.round(r.pipeline().lateCombiner() + r.pipeline().lateMerger()));
            out.add(m);
        }
        return out;
    }

    static String method(ScalingSettings s) {
        return "scaling: for every partitions x threads combination, a round like the measured one (own topics bench-scale-p<P>-t<T>.*, "
                + "own load of " + s.events() + " events, raw consumer, raw producer, baseline, pipeline), after the other phases, "
                + "so the JIT is warm; the same number of events for every combination.";
    }
}
