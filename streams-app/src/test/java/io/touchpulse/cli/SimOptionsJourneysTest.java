package io.touchpulse.cli;

import io.touchpulse.sim.SimConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SimOptionsJourneysTest {

    private static SimConfig parse(String... args) {
        SimOptions o = new SimOptions();
        new CommandLine(o).parseArgs(args);
        return o.simConfig(60);
    }

    @Test
    void journeysAreOnByDefaultAndStartAtTheLiveStartAfterTheHistory() {
        SimConfig c = parse("--start", "2025-03-03T10:00:00Z", "--history", "90m");
        assertThat(c.journeys()).isTrue();
        assertThat(c.start()).isEqualTo(Instant.parse("2025-03-03T08:30:00Z"));
        assertThat(c.start().plus(c.journeysAt())).isEqualTo(Instant.parse("2025-03-03T10:00:00Z"));
    }

    @Test
    void noJourneysTurnsTheCastOff() {
        assertThat(parse("--no-journeys").journeys()).isFalse();
        assertThat(parse("--history", "0", "--no-journeys").journeysAt()).isEqualTo(Duration.ZERO);
    }
}
