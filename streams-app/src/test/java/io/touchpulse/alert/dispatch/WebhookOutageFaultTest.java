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
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault test: the webhook receiver is down for a long outage (first connection refused, then 503,
 * then hanging past the sender's timeout) while several alerts fire, resolve and fire again; the
 * dispatcher is restarted cleanly in the middle and, later, a second dispatcher takes over from one
 * that is left running as if frozen (a crash without a clean close: the new one fences the old).
 * When the receiver is back, it must have processed (deduplicating by {@code webhook-id}, as the
 * README tells receivers to) every transition of every alert, per fingerprint in the order they
 * happened, none twice; a retry carries the same id and the same alerts. Prints how long delivery
 * took to catch up after the receiver came back.
 *
 * <p>CI: an 18 s outage, 6 alerts, 3 transitions each. {@code -Dtouchpulse.faults.full=true}: a
 * 4-minute outage, 12 alerts, 7 transitions each, the default 1-minute backoff cap.
 */
class WebhookOutageFaultTest {
    private static final boolean FULL = Boolean.getBoolean("touchpulse.faults.full");
    private static final Duration OUTAGE = FULL ? Duration.ofMinutes(4) : Duration.ofSeconds(18);
    private static final int ALERTS = FULL ? 12 : 6;
    private static final int EPISODES = FULL ? 3 : 1; // each fires and resolves, then one more fires
    private static final String MAX_BACKOFF = FULL ? "1m" : "2s";
    private static final String[] SEGMENTS = {"premium", "consumer", "small-business"};
    private static final String[] TOUCHPOINTS = {"checkout", "search", "billing", "login"};

    @TempDir
    Path dir;
    private EmbeddedKafkaBroker broker;
    private LocalReceiver receiver;
    private TouchpulseConfig config;
    private AlertingConfig alerting;
    private final List<DispatcherService> dispatchers = new ArrayList<>();

    private record Transition(long atMillis, Alert alert) {}

    @AfterEach
    void stop() {
        dispatchers.forEach(DispatcherService::close);
        if (receiver != null) {
            receiver.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void afterALongOutageEveryTransitionArrivesOncePerIdInOrderPerAlert() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null);
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("application.id", "outage-it");
        config = TouchpulseConfig.from(m);
        receiver = LocalReceiver.reserve(); // not listening: connection refused
        String secret = StandardWebhookSigner.generateSecret();
        Path secretFile = Files.writeString(dir.resolve("secret"), secret);
        // one group per alert, so every notification is about one fingerprint; retries never give up (see README:
        // a delivery that gives up is re-sent under a new id, which a receiver that got it cannot recognise)
        alerting = AlertingConfigLoader.parse("""
                route: {receiver: hook, groupBy: ['...'], groupWait: 0s, groupInterval: 1s}
                receivers:
                  - name: hook
                    type: webhook
                    url: %s
                    secretFile: %s
                    timeout: 500ms
                    retry: {initialBackoff: 100ms, maxBackoff: %s, maxAttempts: 1000000}
                """.formatted(receiver.url("/hook"), secretFile, MAX_BACKOFF), "test");

        List<Transition> script = script(new Random(8));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        script.forEach(t -> expected.computeIfAbsent(t.alert().getFingerprint(), k -> new ArrayList<>()).add(state(t.alert())));

        start();
        long t0 = System.currentTimeMillis();
        boolean restarted = false;
        boolean tookOver = false;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Transition t : script) {
                long elapsed = System.currentTimeMillis() - t0;
                if (!restarted && elapsed > OUTAGE.toMillis() / 3) {
                    restarted = true;
                    dispatchers.remove(dispatchers.size() - 1).close(); // clean stop, then start again
                    receiver.behave(n -> new Behaviour(503, 0)).start();
                    start();
                } else if (!tookOver && elapsed > 2 * OUTAGE.toMillis() / 3) {
                    tookOver = true;
                    receiver.behave(n -> new Behaviour(200, 1_500)); // hangs past the 500 ms timeout
                    start(); // the old one is left running, as if frozen: the new one fences it
                }
                Thread.sleep(Math.max(0, t.atMillis() - (System.currentTimeMillis() - t0)));
                AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
                producer.send(new ProducerRecord<>(config.topicPrefix() + "alerts", t.alert().getSegment() + "|" + t.alert().getTouchpoint(),
                        serde.serialize("", t.alert()))).get();
            }
        }
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.currentTimeMillis() - t0)));
        int duringOutage = receiver.requests().size();
        long backAt = System.currentTimeMillis();
        receiver.behave(n -> Behaviour.OK);

        try {
            await().atMost(FULL ? Duration.ofMinutes(3) : Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(50))
                    .until(() -> processed(receiver.requests()).equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(processed(receiver.requests())).as("per alert, every transition once, in order").isEqualTo(expected);
        }
        long caughtUp = receiver.requests().stream().mapToLong(LocalReceiver.Request::receivedAtMillis).max().orElseThrow() - backAt;
        Thread.sleep(2_000); // anything still on its way would show up now
        List<LocalReceiver.Request> all = receiver.requests();
        assertThat(processed(all)).as("per alert, every transition once, in order").isEqualTo(expected);
        assertThat(all).allSatisfy(r -> assertThat(StandardWebhookSigner.verify(secret, r.webhookId(), r.timestamp(), r.body(), r.signature()))
                .as("signature of " + r.webhookId()).isTrue());
        Map<String, String> alertsById = new HashMap<>();
        for (LocalReceiver.Request r : all) {
            String alerts = Json.MAPPER.readTree(r.body()).get("data").get("alerts").toString();
            assertThat(alertsById.putIfAbsent(r.webhookId(), alerts)).as("a retry of " + r.webhookId() + " says the same").isIn(null, alerts);
        }
        int transitions = script.size();
        System.out.printf("webhook outage (%s): %d alerts, %d transitions, outage %d s, %d requests during it, %d in all for %d ids;"
                        + " all delivered %d ms after the receiver came back (backoff cap %s)%n", FULL ? "full" : "ci", ALERTS, transitions,
                OUTAGE.toSeconds(), duringOutage, all.size(), alertsById.size(), caughtUp, MAX_BACKOFF);
    }

    private void start() {
        DispatcherService d = DispatcherService.start(config, alerting, new SimpleMeterRegistry(), Secrets.fromEnvironment(), Clock.systemUTC());
        dispatchers.add(d);
        await().atMost(Duration.ofSeconds(60)).until(d::isActive);
    }

    /** Per alert: fire, resolve, … fire again, at random moments of the outage, each alert's in order. */
    private static List<Transition> script(Random random) {
        List<Transition> out = new ArrayList<>();
        long span = OUTAGE.toMillis() * 9 / 10;
        for (int i = 0; i < ALERTS; i++) {
            String segment = SEGMENTS[i % SEGMENTS.length];
            String touchpoint = TOUCHPOINTS[i % TOUCHPOINTS.length];
            String metric = i < SEGMENTS.length * TOUCHPOINTS.length / 2 ? "error_rate" : "dissatisfied_rate";
            List<Long> times = new ArrayList<>();
            for (int k = 0; k < 2 * EPISODES + 1; k++) {
                times.add(200 + (long) (random.nextDouble() * span));
            }
            times.sort(Comparator.naturalOrder());
            Instant start = TestAlerts.T0.plusSeconds(3600L * i);
            for (int k = 0; k < times.size(); k++) {
                Instant episodeStart = start.plusSeconds(600L * (k / 2));
                Alert firing = TestAlerts.alert(segment, touchpoint, metric, Severity.WARNING, AlertStatus.FIRING, episodeStart, null);
                out.add(new Transition(times.get(k), k % 2 == 0 ? firing : TestAlerts.resolved(firing, episodeStart.plusSeconds(300))));
            }
        }
        out.sort(Comparator.comparingLong(Transition::atMillis));
        return out;
    }

    private static String state(Alert a) {
        return (a.getStatus() == AlertStatus.FIRING ? "firing" : "resolved") + "@" + a.getStartsAt();
    }

    /** What a receiver that skips ids it has processed saw, per fingerprint (a hung request was processed too). */
    private static Map<String, List<String>> processed(List<LocalReceiver.Request> requests) throws Exception {
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> out = new HashMap<>();
        for (LocalReceiver.Request r : requests) {
            if (r.status() / 100 != 2 || !seen.add(r.webhookId())) {
                continue;
            }
            for (JsonNode a : Json.MAPPER.readTree(r.body()).get("data").get("alerts")) {
                out.computeIfAbsent(a.get("fingerprint").asText(), k -> new ArrayList<>())
                        .add(a.get("status").asText() + "@" + Instant.parse(a.get("startsAt").asText()));
            }
        }
        return out;
    }
}
