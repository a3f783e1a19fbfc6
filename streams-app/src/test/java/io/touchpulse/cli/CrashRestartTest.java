package io.touchpulse.cli;

import io.touchpulse.topology.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once across crashes: {@code touchpulse run} in its own JVM is killed with SIGKILL while events stream
 * in (after it has committed some windows), restarted on the same state directory, killed again and restarted on
 * an empty one (every store restored from its changelog). Afterwards every final window on
 * {@code tp.touchpoint-health} must be there exactly once with the event count of an independent recount of the
 * input topics, and its counts (dissatisfied, reasons, questions, …) must equal those of an uninterrupted
 * reference run of the same input under another application id and topic prefix.
 * CI: 2 kills, about 25k events; full ({@code -Dtouchpulse.faults.full=true}): 6 kills at random points, about 250k.
 */
class CrashRestartTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final Topics REFERENCE = Topics.withPrefix("ref.");

    @Test
    void windowsEqualTheRecountAfterKillsAndRestarts() throws Exception {
        boolean full = FaultFixture.FULL;
        int kills = full ? 6 : 2;
        Random random = new Random(full ? System.nanoTime() : 1);
        try (FaultFixture f = new FaultFixture("crash")) {
            Path state = f.tempDir("state");
            Map<String, String> settings = f.settings("tp-crash", state);
            Map<String, String> reference = f.settings("tp-crash-reference", f.tempDir("reference-state"));
            reference.put("topic.prefix", REFERENCE.prefix());
            f.createTopics(settings, TOPICS);
            f.createTopics(reference, REFERENCE);

            // the load runs through all kills and restarts: CI 20 simulated minutes at ~15 events/s peak in ~40 s of wall time;
            // full: 90 minutes at ~60 events/s in ~4 minutes
            Duration simulated = Duration.ofMinutes(full ? 90 : 20);
            try (FaultLoad load = new FaultLoad(FaultFixture.sim(23, full ? 20_000 : 2_000, full ? 60 : 15), f.client(),
                    FaultFixture.PARTITIONS, simulated, Duration.ofSeconds(5), Duration.ofMillis(full ? 200 : 170), TOPICS, REFERENCE)) {
                AppServices ref = AppServices.start(f.config(reference));
                try {
                    AppProcess app = f.startApp(settings, "run-0");
                    load.start();
                    HealthRecount recount = new HealthRecount(f.client(), TOPICS, FaultFixture.WINDOW_SIZE, FaultFixture.WINDOW_ADVANCE);
                    HealthRecount referenceRecount = new HealthRecount(f.client(), REFERENCE, FaultFixture.WINDOW_SIZE, FaultFixture.WINDOW_ADVANCE);
                    List<String> log = new ArrayList<>();
                    for (int k = 1; k <= kills; k++) {
                        long committed = recount.committedEnd(TOPICS.touchpointHealth());
                        // mid-stream, after the app has committed some output since its last start
                        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                                .until(() -> recount.committedEnd(TOPICS.touchpointHealth()) > committed + 20);
                        Thread.sleep(random.nextInt(full ? 8000 : 1000));
                        log.add("before kill " + k + ": " + app.metrics("touchpulse_late_events_total"));
                        app.kill();
                        long killed = System.nanoTime();
                        boolean wipe = k % 2 == 0;
                        if (wipe) {
                            DemoCommand.deleteQuietly(state);
                        }
                        app = f.startApp(settings, "run-" + k);
                        app.awaitRunning(Duration.ofSeconds(180));
                        log.add(String.format("kill %d at %d events produced (simulated %s); restarted on %s state dir, RUNNING %d ms after the kill",
                                k, load.events(), load.simulatedNow(), wipe ? "an empty" : "the same", (System.nanoTime() - killed) / 1_000_000));
                    }
                    Instant closing = load.finish(FaultFixture.WINDOW_SIZE, FaultFixture.GRACE);
                    long finalUntil = FaultFixture.finalUntil(closing);
                    long t0 = System.nanoTime();
                    HealthRecount.Comparison result = recount.awaitComplete(finalUntil, Duration.ofSeconds(full ? 600 : 90));
                    long caughtUp = System.nanoTime() - t0;
                    HealthRecount.Comparison referenceResult = referenceRecount.awaitComplete(finalUntil, Duration.ofSeconds(60));
                    List<String> vsReference = HealthRecount.differences(recount.emitted(TOPICS.touchpointHealth()),
                            recount.emitted(REFERENCE.touchpointHealth()), finalUntil);
                    log.add("at the end: " + app.metrics("touchpulse_late_events_total"));
                    log.forEach(System.out::println);
                    long deadLetters = recount.deadLetters();
                    System.out.printf("crash/restart: %d kills; complete %d ms after the last event; run: %s; reference: %s; %d windows differ from the reference; producer failures %d; dead letters %d%n",
                            kills, caughtUp / 1_000_000, result, referenceResult, vsReference.size(), load.failures(), deadLetters);
                    assertThat(deadLetters).as("dead letters (late or invalid events)").isZero();

                    assertThat(result.problems()).as("the killed app's windows against the recount").isEmpty();
                    assertThat(referenceResult.problems()).as("the reference run's windows against the recount").isEmpty();
                    assertThat(vsReference).as("the killed app's windows against the reference run's").isEmpty();
                    assertThat(result.windowsExpected()).isGreaterThan(100);
                } finally {
                    ref.close();
                }
            }
        }
    }
}
