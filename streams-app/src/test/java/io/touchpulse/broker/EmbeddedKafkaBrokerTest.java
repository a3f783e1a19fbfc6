package io.touchpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end against the real in-process broker: topics, transactions, read_committed, cleanup. */
class EmbeddedKafkaBrokerTest {

    private static final String EVENTS = "it.events";
    private static final String PROFILES = "it.profiles";

    @Test
    void transactionalRoundTripOnFreshBrokerThenTempDirIsDeleted() throws Exception {
        long startNanos = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null);
        long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        Path dataDir;
        long closeStarted;
        try (broker) {
            reportFootprint(startMillis);
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

            broker.createTopics(Map.of(EVENTS, 3, PROFILES, 1),
                    Map.of(PROFILES, Map.of("cleanup.policy", "compact")));
            // creating again is a no-op, not an error
            broker.createTopics(Map.of(EVENTS, 3), Map.of());
            dataDir = dataDirOf(broker);
            assertThat(dataDir).isDirectory();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.describeTopics(Set.of(EVENTS)).allTopicNames().get().get(EVENTS).partitions()).hasSize(3);
                ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, PROFILES);
                Config config = admin.describeConfigs(Set.of(profiles)).all().get().get(profiles);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }

            produceCommittedAndAborted(broker.bootstrapServers());

            List<ConsumerRecord<String, String>> read = readCommitted(broker.bootstrapServers(), 7);
            assertThat(read).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "p-a", "p-b")
                    .doesNotContain("aborted");
            assertThat(read).filteredOn(r -> r.topic().equals(EVENTS))
                    .extracting(ConsumerRecord::partition).contains(0, 1, 2);
            closeStarted = System.nanoTime();
        }
        System.out.printf("embedded broker: close() took %d ms%n", (System.nanoTime() - closeStarted) / 1_000_000);
        long closeNanos = System.nanoTime();
        broker.close(); // idempotent
        System.out.printf("embedded broker: second close() took %d ms%n", (System.nanoTime() - closeNanos) / 1_000_000);
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void givenDataDirIsKeptAndReusedByTheNextStart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
            broker.createTopics(Map.of(EVENTS, 2), Map.of());
        }
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        // a second run finds the formatted directory (new ports, same cluster) and its topics
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains(EVENTS);
        }
        assertThat(dataDir).isDirectory();
    }

    @Test
    void portInUseFailsWithMessageNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(port, null))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use");
        }
    }

    private static void produceCommittedAndAborted(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                // explicit partitions so all three are exercised
                // the last one a day ahead, like the demo's compressed simulated time: the broker must take it
                Long timestamp = i == 4 ? System.currentTimeMillis() + 86_400_000L : null;
                producer.send(new ProducerRecord<>(EVENTS, i % 3, timestamp, "k" + i, "e" + i));
            }
            producer.send(new ProducerRecord<>(PROFILES, "a", "p-a"));
            producer.send(new ProducerRecord<>(PROFILES, "b", "p-b"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(EVENTS, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-broker-test");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(EVENTS, PROFILES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // keep polling a little after the expected count so a leaked aborted record would show
            while (records.size() < expected + 1 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                    break;
                }
            }
        }
        return records;
    }

    /** The API deliberately does not expose the temp dir; the test reads the private field. */
    private static Path dataDirOf(EmbeddedKafkaBroker broker) throws Exception {
        var field = EmbeddedKafkaBroker.class.getDeclaredField("logDir");
        field.setAccessible(true);
        return (Path) field.get(broker);
    }

    /** Measured, not asserted: start time and heap are reported in the test output. */
    private static void reportFootprint(long startMillis) {
        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        System.out.printf("embedded broker: started in %d ms, heap used after start and GC: %d MiB, threads: %d%n",
                startMillis, heapMb, Thread.activeCount());
    }
}
