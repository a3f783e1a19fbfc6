package io.touchpulse.cli;

import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.JourneyCast;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.PipelineRuntime;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/** What the demo prints while it runs: incidents starting and ending, and the worst touchpoints every few seconds (alerts come from the log receiver). */
final class DemoConsole {
    private static final double MIN_EVENTS = 20;

    private final Simulator sim;
    private final PipelineRuntime pipeline;
    private final PrintStream out;
    private Set<String> active = new HashSet<>();
    /** Journey issues already printed (the store keeps them for days; print each once). */
    private final Set<String> printedIssues = new HashSet<>();

    DemoConsole(Simulator sim, PipelineRuntime pipeline, PrintStream out) {
        this.sim = sim;
        this.pipeline = pipeline;
        this.out = out;
    }

    void tick() {
        // activeAt is a pure function of the schedule; a slightly stale now() from the runner thread is fine
        Set<String> now = sim.activeAt(sim.now()).stream()
                .map(i -> i.name() + " (" + i.segment() + " × " + i.touchpoint() + ")").collect(Collectors.toSet());
        for (String started : now) {
            if (!active.contains(started)) {
                out.println("[sim] incident started: " + started);
            }
        }
        for (String ended : active) {
            if (!now.contains(ended)) {
                out.println("[sim] incident ended:   " + ended);
            }
        }
        active = now;
        if (!pipeline.isRunning()) {
            return;
        }
        printNewJourneyIssues();
        List<TouchpointHealth> worst;
        try {
            worst = pipeline.latestHealth().stream().filter(h -> h.getEvents() >= MIN_EVENTS)
                    .sorted(Comparator.comparingDouble(TouchpointHealth::getDissatisfiedRate).reversed()).limit(3).toList();
        } catch (RuntimeException e) {
            return;
        }
        if (!worst.isEmpty()) {
            out.println("[health] window to " + worst.get(0).getWindowEnd() + " — most dissatisfied: " + worst.stream()
                    .map(h -> String.format("%s×%s %.0f%% of %d", h.getSegment(), h.getTouchpoint(), 100 * h.getDissatisfiedRate(), h.getEvents()))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The journey cast for the start-up banner: cohorts, and the first cohort's customers per issue type (to look up in the API). */
    static String describe(JourneyCast cast) {
        if (cast.cohorts() == 0) return "none";
        return cast.cohorts() + " hourly cohorts from " + cast.cohortStarts().get(0) + "; first cohort, cast | control:"
                + cast.cast().keySet().stream().map(t -> String.format("%n              %-22s %s | %s", t,
                String.join(" ", cast.cast(t, 0)), String.join(" ", cast.control(t, 0)))).collect(Collectors.joining());
    }

    private void printNewJourneyIssues() {
        List<JourneyIssue> fresh;
        try {
            fresh = pipeline.journeyIssues().stream().filter(i -> !printedIssues.contains(i.getIssueId()))
                    .sorted(Comparator.comparing(JourneyIssue::getDetectedAt)).toList();
        } catch (RuntimeException e) {
            return;
        }
        Map<String, Integer> background = new TreeMap<>();
        for (JourneyIssue i : fresh) {
            printedIssues.add(i.getIssueId());
            String role = sim.journeyCast().roleOf(i.getCustomerId());
            if (role == null) {
                background.merge(i.getType().name(), 1, Integer::sum);
                continue;
            }
            out.println("[journey] " + i.getType() + " " + i.getSegment() + " customer " + i.getCustomerId() + " (" + role + "): "
                    + i.getSummary() + " → " + i.getSuggestedAction());
        }
        if (!background.isEmpty()) {
            out.println("[journey] also found among unscripted customers: " + background);
        }
    }

    static String describe(List<Incident> incidents) {
        return incidents.isEmpty() ? "none" : incidents.stream().map(Incident::name).distinct().collect(Collectors.joining(", "));
    }
}
