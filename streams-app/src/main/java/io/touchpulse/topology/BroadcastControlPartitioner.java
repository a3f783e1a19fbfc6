package io.touchpulse.topology;

import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Partials go to the partition of their segment|touchpoint; watermarks and idle notices go to every partition (KIP-837 multicast). */
final class BroadcastControlPartitioner implements StreamPartitioner<String, PaneMessage> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, PaneMessage value, int numPartitions) {
        if (value.broadcast()) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
        return Optional.of(Set.of(p));
    }
}
