package io.touchpulse.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The server properties of the embedded single-node KRaft broker. Kafka's defaults are sized
 * for a production cluster of three or more machines; every override here exists either
 * because one node cannot satisfy the default (replication factors, min ISR) or to keep
 * start-up time and memory small enough for a laptop demo and for tests.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    static Map<String, String> of(int brokerPort, int controllerPort, Path logDir) {
        Map<String, String> p = new HashMap<>();
        // combined mode: one process is the whole cluster, its own single-voter quorum
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Ports.HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        // loopback only: nothing outside this machine can reach the demo broker
        p.put("listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + brokerPort);
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        // one node: internal topics cannot have more than one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // 50 partitions per internal topic (the default) costs seconds when the first group or
        // transaction appears; a handful is plenty for one machine
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");

        // topics created on first use get 3 partitions: enough to exercise keyed partitioning
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        // consumer groups start at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");

        // small footprint: the cleaner's dedupe buffer defaults to 128 MiB of heap
        // the demo's simulated time runs 20x ahead of the wall clock: Kafka 4 rejects records stamped more than an hour
        // ahead by default (log.message.timestamp.after.max.ms), which stopped the demo about three minutes in
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        // faster unfencing at start and acknowledgement of the controlled shutdown at close
        p.put("broker.heartbeat.interval.ms", "500");
        // no leader to move around on a single node
        p.put("auto.leader.rebalance.enable", "false");
        return p;
    }
}
