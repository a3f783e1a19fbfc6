package io.touchpulse.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationRunnerTest {
    static final Instant START = Instant.parse("2025-03-03T11:00:00Z");

    @Test
    void pacesSimulatedTimeAtTheRequestedSpeed() {
        Simulator sim = new Simulator(new SimConfig(1, START, 500, 60, List.of()));
        RecordingSink sink = new RecordingSink();
        SimulationRunner runner = new SimulationRunner(sim, sink, 120, Duration.ofMillis(1000));
        long t0 = System.nanoTime();
        runner.run();
        double wallSec = (System.nanoTime() - t0) / 1e9;
        double simSec = Duration.between(START, sim.now()).toMillis() / 1000.0;
        assertThat(wallSec).isBetween(0.9, 3.0);
        assertThat(simSec).isBetween(100.0, 125.0); // 1 s wall at 120x, minus at most the last tick
        assertThat(runner.eventsEmitted()).isEqualTo(sink.events()).isGreaterThan(2000);
    }

    @Test
    void asFastAsPossibleAndStoppable() throws Exception {
        Simulator sim = new Simulator(new SimConfig(1, START, 500, 60, List.of()));
        RecordingSink sink = new RecordingSink();
        SimulationRunner runner = new SimulationRunner(sim, sink, 0, null);
        Thread t = new Thread(runner);
        t.start();
        Thread.sleep(300);
        runner.stop();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(runner.eventsEmitted()).isGreaterThan(10_000);
    }
}
