package io.touchpulse.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * How far a Kafka Streams app has got, seen from outside as any operator would: its consumer group's committed
 * offsets against the end offsets of the partitions. "Done" means every input partition is committed to its end
 * AND every other partition the group commits (repartition topics) is committed to its current end, so work
 * still queued in a downstream sub-topology counts as not done.
 */
final class GroupProgress implements AutoCloseable {
    private final Admin admin;
    private final String groupId;
    private final Map<TopicPartition, Long> inputEnds;

    GroupProgress(String bootstrapServers, String groupId, Collection<String> inputTopics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "touchpulse-bench-progress"));
        this.groupId = groupId;
        this.inputEnds = endOffsets(admin, partitionsOf(admin, inputTopics));
    }

    /** Records in the input partitions (the events, once the load is written). */
    long inputRecords() {
        return inputEnds.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records in the input partitions right now (the ends noted at construction are for a load written beforehand). */
    long currentInputRecords() {
        return endOffsets(admin, inputEnds.keySet()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Input records already committed by the group (0 before its first commit). */
    long committedInputRecords() {
        Map<TopicPartition, Long> committed = committed();
        long sum = 0;
        for (TopicPartition tp : inputEnds.keySet()) {
            sum += committed.getOrDefault(tp, 0L);
        }
        return sum;
    }

    boolean done() {
        Map<TopicPartition, Long> committed = committed();
        for (Map.Entry<TopicPartition, Long> e : inputEnds.entrySet()) {
            if (committed.getOrDefault(e.getKey(), 0L) < e.getValue()) return false;
        }
        Map<TopicPartition, Long> internal = new HashMap<>(committed);
        internal.keySet().removeAll(inputEnds.keySet());
        if (internal.isEmpty()) return true;
        Map<TopicPartition, Long> ends = endOffsets(admin, internal.keySet());
        for (Map.Entry<TopicPartition, Long> e : internal.entrySet()) {
            if (e.getValue() < ends.get(e.getKey())) return false;
        }
        return true;
    }

    /** Records not yet committed, per partition that lags (for a diagnostic when a phase times out). */
    Map<TopicPartition, Long> lag() {
        Map<TopicPartition, Long> committed = committed();
        Map<TopicPartition, Long> all = new HashMap<>(inputEnds);
        Map<TopicPartition, Long> internal = new HashMap<>(committed);
        internal.keySet().removeAll(inputEnds.keySet());
        all.putAll(endOffsets(admin, internal.keySet()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        all.forEach((tp, end) -> {
            long l = end - committed.getOrDefault(tp, 0L);
            if (l > 0) lag.put(tp, l);
        });
        return lag;
    }

    private Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            m.forEach((tp, om) -> {
                if (om != null) out.put(tp, om.offset());
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read committed offsets of " + groupId + ": " + e.getCause().getMessage(), e);
        }
    }

    static List<TopicPartition> partitionsOf(Admin admin, Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getCause().getMessage(), e);
        }
    }

    /** read_committed end offsets (the last stable offset): what a transactional app can reach. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) return Map.of();
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        partitions.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(spec, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list end offsets: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
