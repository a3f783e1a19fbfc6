package io.touchpulse.journey;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * One customer's journey through the engine, the way the Kafka processor drives it: the state is stored encoded and
 * decoded again between events (so every test also exercises the codec), issues and risk records are collected.
 */
final class Journey {
    final JourneyEngine engine;
    CustomerProfile profile;
    /** The state as the store holds it; {@link #state} is decoded from it before every call. */
    byte[] stored;
    CustomerState state;
    final List<JourneyIssue> issues = new ArrayList<>();
    final List<CustomerRisk> risks = new ArrayList<>();
    Step last;

    Journey() {
        this(JourneyConfig.defaults(), null);
    }

    Journey(CustomerProfile profile) {
        this(JourneyConfig.defaults(), profile);
    }

    Journey(JourneyConfig config, CustomerProfile profile) {
        this.engine = new JourneyEngine(config);
        this.profile = profile;
    }

    Step feed(Signal.Builder s) {
        return feed(s.build());
    }

    Step feed(Signal s) {
        return record(engine.observe(load(), s, profile));
    }

    Step tick(long now) {
        return record(engine.tick(load(), now, profile));
    }

    private Step record(Step step) {
        last = step;
        issues.addAll(step.issues());
        if (step.risk() != null) {
            risks.add(step.risk());
        }
        if (step.stateChanged()) {
            stored = step.state().encode();
        }
        state = load();
        return step;
    }

    private CustomerState load() {
        return stored == null ? null : CustomerState.decode(stored);
    }

    List<JourneyIssue> issues(JourneyIssueType type) {
        return issues.stream().filter(i -> i.getType() == type).toList();
    }

    static List<String> roles(JourneyIssue issue) {
        return issue.getEvidence().stream().map(e -> e.getRole()).toList();
    }

    static List<String> eventIds(JourneyIssue issue) {
        return issue.getEvidence().stream().map(e -> e.getEventId()).toList();
    }
}
