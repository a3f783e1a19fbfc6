package io.touchpulse.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics and waits until they are really usable. A topic is "created" as soon as the
 * controller has recorded it, but its partitions get a leader a little later; an idempotent
 * or transactional producer whose first batch hits that gap gets NOT_LEADER_OR_FOLLOWER and
 * then OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (KAFKA-15591, open in 4.3.1).
 * So we only return once every partition has a leader that answers ListOffsets.
 */
public final class TopicProvisioner {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private TopicProvisioner() {
    }

    static void createAndAwait(String bootstrapServers, Map<String, Integer> partitionsByTopic,
                               Map<String, Map<String, String>> configsByTopic) {
        createAndAwait(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitionsByTopic, configsByTopic);
    }

    /** Same, with full client settings (security etc.) for an existing cluster. */
    public static void createAndAwait(Map<String, Object> clientProps, Map<String, Integer> partitionsByTopic,
                                      Map<String, Map<String, String>> configsByTopic) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "touchpulse-topic-provisioner");
        // one slow answer must not eat the whole wait below
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            createMissing(admin, partitionsByTopic, configsByTopic);
            awaitLeaders(admin, partitionsByTopic.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + partitionsByTopic.keySet(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + partitionsByTopic.keySet() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void createMissing(Admin admin, Map<String, Integer> partitionsByTopic,
                                      Map<String, Map<String, String>> configsByTopic)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = partitionsByTopic.entrySet().stream()
                .filter(e -> !existing.contains(e.getKey()))
                .map(e -> new NewTopic(e.getKey(), java.util.Optional.of(e.getValue()), java.util.Optional.empty()) // replication: the cluster default (1 on the embedded broker)
                        .configs(configsByTopic.getOrDefault(e.getKey(), Map.of())))
                .toList();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get();
            } catch (ExecutionException e) {
                // someone else (auto-creation, a concurrent caller) was first: fine
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (allPartitionsAnswer(admin, topics)) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata not propagated yet (UnknownTopicOrPartition, NotLeader...): retry
                last = e;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("partitions of " + topics + " have no leader after " + TIMEOUT.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getCause()), last);
    }

    private static boolean allPartitionsAnswer(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            for (var partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
                partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        // the leader known to the metadata must also serve requests for the partition
        admin.listOffsets(partitions).all().get();
        return true;
    }
}
