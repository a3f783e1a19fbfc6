package io.touchpulse.topology;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link InputBacklog} from the stream threads' consumers: their {@code records-lag} per input topic partition (records
 * between the fetch position and the end, the last stable offset under exactly-once). Read only when a partition is
 * about to be declared idle, at most once a second (the metrics map is large).
 */
final class ConsumerLag implements InputBacklog {
    private static final long REFRESH_MS = 1000;

    private final List<String> inputTopics;
    private volatile KafkaStreams streams;
    private Map<Integer, Double> lagByPartition = Map.of();
    private long readAt = Long.MIN_VALUE;

    ConsumerLag(List<String> inputTopics) {
        // the clients tag partition metrics with the topic name, in older forms with dots as underscores: accept both
        this.inputTopics = inputTopics.stream().flatMap(t -> java.util.stream.Stream.of(t, t.replace('.', '_'))).distinct().toList();
    }

    /** The client to read from, once it exists (the topology is built before it). */
    void attach(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public synchronized boolean pending(int partition) {
        long now = System.currentTimeMillis();
        if (now - readAt >= REFRESH_MS) {
            lagByPartition = read();
            readAt = now;
        }
        Double lag = lagByPartition.get(partition);
        return lag == null || lag > 0; // no figure yet: its first fetch has not come back
    }

    /** The largest lag over the input topics, per partition; NaN (not fetched yet) counts as waiting. */
    private Map<Integer, Double> read() {
        KafkaStreams s = streams;
        Map<Integer, Double> out = new HashMap<>();
        if (s == null) {
            return out;
        }
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (!n.name().equals("records-lag") || !inputTopics.contains(n.tags().get("topic")) || n.tags().get("partition") == null) {
                continue;
            }
            double lag = e.getValue().metricValue() instanceof Number v ? v.doubleValue() : Double.NaN;
            out.merge(Integer.parseInt(n.tags().get("partition")), Double.isNaN(lag) ? 1 : lag, Math::max);
        }
        return out;
    }
}
