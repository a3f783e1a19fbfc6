package io.touchpulse.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorDeterminismTest {
    private static final SimConfig CFG = new SimConfig(42, Instant.parse("2025-03-03T09:00:00Z"), 800, 120,
            Incident.defaultSchedule());

    private static RecordingSink run(SimConfig cfg, Duration step, Duration total) {
        RecordingSink sink = new RecordingSink().keepLog();
        Simulator sim = new Simulator(cfg);
        sim.emitProfiles(sink);
        Instant end = cfg.start().plus(total);
        while (sim.now().isBefore(end)) sim.advance(step, sink);
        return sink;
    }

    @Test
    void sameConfigGivesExactlyTheSameEventsWhateverTheStepSize() {
        RecordingSink a = run(CFG, Duration.ofSeconds(1), Duration.ofMinutes(20));
        RecordingSink b = run(CFG, Duration.ofSeconds(3), Duration.ofMinutes(20));
        RecordingSink c = run(CFG, Duration.ofMinutes(4), Duration.ofMinutes(20));
        assertThat(a.log).hasSizeGreaterThan(50_000);
        assertThat(a.log).as("the journey cast plays in the first 20 minutes").anyMatch(l -> l.contains("charged:fee"));
        assertThat(b.log).isEqualTo(a.log);
        assertThat(c.log).isEqualTo(a.log);
        assertThat(b.profiles).isEqualTo(a.profiles);
    }

    @Test
    void differentSeedGivesDifferentEventsAndIds() {
        RecordingSink a = run(CFG, Duration.ofSeconds(10), Duration.ofMinutes(5));
        RecordingSink b = run(CFG.withSeed(43), Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertThat(b.log).isNotEqualTo(a.log);
        var idsA = new HashSet<String>();
        a.web.forEach(e -> idsA.add(e.getEventId()));
        assertThat(b.web).noneMatch(e -> idsA.contains(e.getEventId()));
    }

    @Test
    void eventsAreInTimeOrderInsideTheStepAndIdsAreUnique() {
        Simulator sim = new Simulator(CFG);
        RecordingSink sink = new RecordingSink();
        List<Instant> stamps = new java.util.ArrayList<>();
        EventSink ordered = new EventSink() {
            public void profile(String k, io.touchpulse.schema.CustomerProfile p) { }
            public void webTraffic(String k, io.touchpulse.schema.WebTraffic e) { stamps.add(e.getTimestamp()); sink.webTraffic(k, e); }
            public void search(String k, io.touchpulse.schema.SearchEvent e) { stamps.add(e.getTimestamp()); sink.search(k, e); }
            public void interaction(String k, io.touchpulse.schema.Interaction e) { stamps.add(e.getTimestamp()); sink.interaction(k, e); }
        };
        Instant before = sim.now();
        for (int i = 0; i < 60; i++) sim.advance(Duration.ofSeconds(10), ordered);
        assertThat(stamps).isSortedAccordingTo(Instant::compareTo);
        assertThat(stamps).allMatch(t -> !t.isBefore(before) && t.isBefore(sim.now()));
        var ids = new HashSet<String>();
        sink.web.forEach(e -> ids.add(e.getEventId()));
        sink.searches.forEach(e -> ids.add(e.getEventId()));
        sink.interactions.forEach(e -> ids.add(e.getEventId()));
        assertThat(ids).hasSize(sink.events());
    }
}
