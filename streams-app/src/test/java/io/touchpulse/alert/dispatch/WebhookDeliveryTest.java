package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpulse.alert.LocalReceiver;
import io.touchpulse.alert.LocalReceiver.Behaviour;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.alert.notify.Json;
import io.touchpulse.alert.notify.StandardWebhookSigner;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery through everything that goes wrong in practice, on a real (embedded) broker: the
 * receiver is not listening yet, then answers 500, then hangs past the timeout, then is slow;
 * meanwhile the dispatcher is restarted twice and rebuilds its state from the topic. In the end
 * every transition is delivered, and under exactly one idempotency key each.
 */
class WebhookDeliveryTest {
    private static final List<String[]> CELLS = List.of(new String[] {"premium", "checkout"}, new String[] {"premium", "login"},
            new String[] {"consumer", "search"}, new String[] {"consumer", "checkout"}, new String[] {"small-business", "billing"},
            new String[] {"unknown", "home"});

    @TempDir
    Path dir;
    private EmbeddedKafkaBroker broker;
    private LocalReceiver receiver;
    private TouchpulseConfig config;
    private AlertingConfig alerting;
    private String secret;
    private DispatcherService dispatcher;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null);
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("application.id", "dispatch-it");
        m.put("topic.partitions", "2");
        config = TouchpulseConfig.from(m);
        receiver = LocalReceiver.reserve();
        secret = StandardWebhookSigner.generateSecret();
        Path secretFile = Files.writeString(dir.resolve("secret"), secret);
        alerting = AlertingConfigLoader.parse("""
                route: {receiver: hook, groupWait: 0s, groupInterval: 1s}
                receivers:
                  - name: hook
                    type: webhook
                    url: %s
                    secretFile: %s
                    timeout: 500ms
                    retry: {initialBackoff: 50ms, maxBackoff: 400ms, maxAttempts: 1000}
                """.formatted(receiver.url("/hook"), secretFile), "test");
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
        broker.close();
    }

    private void startDispatcher() {
        registry = new SimpleMeterRegistry();
        dispatcher = DispatcherService.start(config, alerting, registry, Secrets.fromEnvironment(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(60)).until(dispatcher::isActive);
    }

    private void restartDispatcher() {
        dispatcher.close();
        startDispatcher();
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyTransitionIsDeliveredOnceByIdThroughFailuresAndRestarts() throws Exception {
        startDispatcher();
        List<Alert> firing = CELLS.stream().map(c -> TestAlerts.firing(c[0], c[1], "error_rate", Severity.CRITICAL)).toList();
        produce(firing);

        // connection refused: every group is pending and retrying
        await().atMost(Duration.ofSeconds(60)).until(() -> counter("touchpulse_alert_delivery_retries", "receiver", "hook") >= CELLS.size());
        restartDispatcher(); // pending deliveries are rebuilt from the state topic, with their ids

        AtomicRequests.failFirst(receiver, 3, 1); // three 500s, then one answer after the 500 ms timeout, then fine (a bit slow)
        receiver.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredIds(receiver.requests(), "firing").size() == CELLS.size());

        receiver.behave(n -> new Behaviour(500, 0));
        produce(firing.stream().map(a -> TestAlerts.resolved(a, TestAlerts.T0.plusSeconds(900))).toList());
        int seen = receiver.requests().size();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= seen + CELLS.size());
        restartDispatcher();
        receiver.behave(n -> n % 2 == 0 ? new Behaviour(200, 100) : Behaviour.OK);
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredIds(receiver.requests(), "resolved").size() == CELLS.size());

        // let anything still queued arrive, then count
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<LocalReceiver.Request> all = receiver.requests();
        assertThat(all).allSatisfy(r -> assertThat(StandardWebhookSigner.verify(secret, r.webhookId(), r.timestamp(), r.body(), r.signature()))
                .as("signature of " + r.webhookId()).isTrue());
        Map<String, Set<String>> idsByTransition = new TreeMap<>();
        for (LocalReceiver.Request r : all) {
            JsonNode data = Json.MAPPER.readTree(r.body()).get("data");
            for (JsonNode a : data.get("alerts")) {
                idsByTransition.computeIfAbsent(a.get("fingerprint").asText() + " " + a.get("status").asText(), k -> new HashSet<>()).add(r.webhookId());
            }
        }
        assertThat(idsByTransition).as("each firing and each resolution, under exactly one id").hasSize(2 * CELLS.size())
                .allSatisfy((transition, ids) -> assertThat(ids).as(transition).hasSize(1));
        Set<String> distinct = all.stream().map(LocalReceiver.Request::webhookId).collect(Collectors.toSet());
        assertThat(distinct).hasSize(2 * CELLS.size());
        assertThat(all.size()).as("retries reuse the id, so there are more requests than ids").isGreaterThan(distinct.size());
        System.out.printf("webhook delivery: %d requests for %d notifications%n", all.size(), distinct.size());
    }

    /** Ids the receiver answered 2xx, among requests whose payload has the given group status. */
    private static Set<String> deliveredIds(List<LocalReceiver.Request> requests, String status) {
        Set<String> ids = new HashSet<>();
        for (LocalReceiver.Request r : requests) {
            if (r.status() / 100 == 2 && r.body().contains("\"type\":\"touchpulse.alerts." + status + "\"")) {
                ids.add(r.webhookId());
            }
        }
        return ids;
    }

    private void produce(List<Alert> alerts) throws Exception {
        AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Alert a : alerts) {
                sent.add(p.send(new ProducerRecord<>(config.topicPrefix() + "alerts", a.getSegment() + "|" + a.getTouchpoint(), serde.serialize("", a))));
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** Scripted misbehaviour by request number. */
    private static final class AtomicRequests {
        static void failFirst(LocalReceiver r, int errors, int hangs) {
            r.behave(n -> n <= errors ? new Behaviour(500, 0) : n <= errors + hangs ? new Behaviour(200, 1_500) : new Behaviour(200, 150));
        }
    }
}
