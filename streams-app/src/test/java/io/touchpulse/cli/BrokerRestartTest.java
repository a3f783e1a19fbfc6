package io.touchpulse.cli;

import io.touchpulse.topology.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once across broker restarts: while {@code touchpulse run} (its own JVM) processes streaming events, the
 * broker is stopped and started again on the same port and data directory. The app must carry on without being
 * restarted, and every final window must equal the recount of the input topics, exactly once.
 * CI: one restart; full ({@code -Dtouchpulse.faults.full=true}): three.
 */
class BrokerRestartTest {
    private static final Topics TOPICS = Topics.defaults();

    @Test
    void windowsEqualTheRecountAfterBrokerRestartsAndTheAppCarriesOn() throws Exception {
        boolean full = FaultFixture.FULL;
        int restarts = full ? 3 : 1;
        try (FaultFixture f = new FaultFixture("broker")) {
            Map<String, String> settings = f.settings("tp-broker-restart", f.tempDir("state"));
            f.createTopics(settings, TOPICS);
            Duration simulated = Duration.ofMinutes(full ? 60 : 16);
            try (FaultLoad load = new FaultLoad(FaultFixture.sim(31, full ? 10_000 : 2_000, full ? 40 : 15), f.client(),
                    FaultFixture.PARTITIONS, simulated, Duration.ofSeconds(5), Duration.ofMillis(full ? 300 : 170), TOPICS)) {
                AppProcess app = f.startApp(settings, "run");
                load.start();
                HealthRecount recount = new HealthRecount(f.client(), TOPICS, FaultFixture.WINDOW_SIZE, FaultFixture.WINDOW_ADVANCE);
                List<String> log = new ArrayList<>();
                for (int k = 1; k <= restarts; k++) {
                    long committed = recount.committedEnd(TOPICS.touchpointHealth());
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                            .until(() -> recount.committedEnd(TOPICS.touchpointHealth()) > committed + 20);
                    Duration outage = f.restartBroker(Duration.ofSeconds(3));
                    log.add(String.format("broker restart %d at %d events produced (simulated %s): down for %d ms",
                            k, load.events(), load.simulatedNow(), outage.toMillis()));
                }
                Instant closing = load.finish(FaultFixture.WINDOW_SIZE, FaultFixture.GRACE);
                long finalUntil = FaultFixture.finalUntil(closing);
                long t0 = System.nanoTime();
                HealthRecount.Comparison result = recount.awaitComplete(finalUntil, Duration.ofSeconds(full ? 300 : 90));
                long deadLetters = recount.deadLetters();
                String appLog = Files.readString(app.log(), StandardCharsets.UTF_8);
                log.forEach(System.out::println);
                System.out.printf("broker restart: %d restarts; complete %d ms after the last event; %s; producer failures %d; dead letters %d; "
                                + "stream threads replaced %d; late %s%n", restarts, (System.nanoTime() - t0) / 1_000_000, result, load.failures(),
                        deadLetters, appLog.lines().filter(l -> l.contains("replacing it")).count(), app.metrics("touchpulse_late_events_total"));

                assertThat(app.isAlive()).as("the app survived the broker restarts").isTrue();
                assertThat(appLog).as("the app never shut its client down").doesNotContain("-> ERROR", "-> PENDING_ERROR");
                assertThat(result.problems()).as("windows against the recount").isEmpty();
                assertThat(result.windowsExpected()).isGreaterThan(100);
                assertThat(deadLetters).as("dead letters (late or invalid events)").isZero();
            }
        }
    }
}
