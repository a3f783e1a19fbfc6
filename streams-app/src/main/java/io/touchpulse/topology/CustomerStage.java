package io.touchpulse.topology;

import io.touchpulse.journey.CustomerState;
import io.touchpulse.journey.JourneyEngine;
import io.touchpulse.journey.Step;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Stage 1b: per-customer journey state, between the profile join and the windows. Folds each customer event into the
 * customer's {@link CustomerState} with the {@link JourneyEngine}, forwards the signal (with REPEAT_CONTACT / UNANSWERED
 * added when the customer's history says so, so the windows count them) and the findings: risk changes, journey issues,
 * survey decisions and idea mentions.
 *
 * <p>Runs in the input partitions' tasks: records are keyed by customer id, so one task owns each customer and no
 * repartition is needed. Plain page views and successful searches skip the state (most of the volume, nothing to
 * learn per customer).
 * Promise deadlines are found through an index store keyed {@code <13-digit deadline>|customerId}, scanned on stream
 * time; an index entry whose promise was kept meanwhile just finds nothing due.
 * <p>
 * Journey issues are kept {@code journey.keep-issues} for the API, and found for removal through an in-memory queue by
 * detection time, built from the store once when the task starts: scanning (and decoding) every kept issue at each
 * deadline scan grew with the store and took 8–10% of a stream thread after a few simulated hours.
 */
final class CustomerStage implements Processor<String, Signal, String, CustomerOutput> {
    static final Duration DEADLINE_SCAN = Duration.ofSeconds(30);

    private final JourneyEngine engine;
    private final long keepIssuesMs;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, CustomerOutput> ctx;
    private CustomerStore customers;
    private KeyValueStore<String, Long> deadlines;
    private KeyValueStore<String, JourneyIssue> issues;
    private final ProfileTable.Lookup profiles;
    private final PriorityQueue<KeptIssue> issuesByAge = new PriorityQueue<>(Comparator.comparingLong(KeptIssue::detectedAt));

    private record KeptIssue(long detectedAt, String issueId) {}

    CustomerStage(JourneyEngine engine, Duration keepIssues, PipelineMetrics metrics, ProfileTable.Lookup profiles) {
        this.engine = engine;
        this.keepIssuesMs = keepIssues.toMillis();
        this.metrics = metrics;
        this.profiles = profiles;
    }

    @Override
    public void init(ProcessorContext<String, CustomerOutput> context) {
        ctx = context;
        customers = context.getStateStore(Stores.CUSTOMERS);
        customers.dropClean(); // (re)started: what the store holds may have moved on (e.g. restored as a standby)
        deadlines = context.getStateStore(Stores.CUSTOMER_DEADLINES);
        issues = context.getStateStore(Stores.JOURNEY_ISSUES);
        try (KeyValueIterator<String, JourneyIssue> it = issues.all()) {
            it.forEachRemaining(kv -> issuesByAge.add(new KeptIssue(kv.value.getDetectedAt().toEpochMilli(), kv.key)));
        }
        context.schedule(DEADLINE_SCAN, PunctuationType.STREAM_TIME, this::onStreamTime);
    }

    @Override
    public void process(Record<String, Signal> r) {
        Signal s = r.value();
        String id = s.getCustomerId();
        if (id == null || !tracked(s)) {
            ctx.forward(r.withValue(new CustomerOutput.SignalOut(s)));
            return;
        }
        Step step = engine.observe(customers.state(id), s, profiles.get(id));
        if (!step.addedReasons().isEmpty() || step.repeatedQuestion()) {
            annotate(s, step);
        }
        ctx.forward(r.withValue(new CustomerOutput.SignalOut(s)));
        apply(id, step, r.timestamp());
    }

    /** Interactions always; web events and searches only when something went wrong (failed search, churn intent, error...). */
    static boolean tracked(Signal s) {
        return s.getSource() == SignalSource.INTERACTION || s.getDissatisfied();
    }

    private static void annotate(Signal s, Step step) {
        List<String> reasons = new ArrayList<>(s.getReasons());
        for (String added : step.addedReasons()) {
            if (!reasons.contains(added)) {
                reasons.add(added);
            }
        }
        if (step.repeatedQuestion()) {
            s.setUnanswered(true);
            if (!reasons.contains(Reason.UNANSWERED.name())) {
                reasons.add(Reason.UNANSWERED.name());
            }
        }
        s.setReasons(reasons);
        s.setDissatisfied(!reasons.isEmpty());
    }

    private void apply(String customerId, Step step, long timestamp) {
        if (step.stateChanged()) { // else only the copy changed, if at all (e.g. risk decayed): the last save stands
            customers.put(customerId, step.state());
        }
        if (step.nextDeadline() != Long.MAX_VALUE) {
            deadlines.put(deadlineKey(step.nextDeadline(), customerId), step.nextDeadline());
        }
        for (JourneyIssue issue : step.issues()) {
            if (issues.putIfAbsent(issue.getIssueId(), issue) == null) {
                issuesByAge.add(new KeptIssue(issue.getDetectedAt().toEpochMilli(), issue.getIssueId()));
                metrics.journeyIssue(issue.getType().name());
                ctx.forward(new Record<>(customerId, new CustomerOutput.IssueOut(issue), timestamp));
            }
        }
        if (step.risk() != null) {
            ctx.forward(new Record<>(customerId, new CustomerOutput.RiskOut(step.risk()), timestamp));
        }
        if (step.survey() != null) {
            metrics.surveyDecision(step.survey().getSend(), step.survey().getReason());
            ctx.forward(new Record<>(customerId, new CustomerOutput.SurveyOut(step.survey()), timestamp));
        }
        if (step.idea() != null) {
            ctx.forward(new Record<>(customerId, new CustomerOutput.IdeaOut(step.idea()), timestamp));
        }
    }

    /** Deadlines due by the task's stream time: each customer's promises are checked once per scan. */
    private void onStreamTime(long now) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = deadlines.range(deadlineKey(0, ""), deadlineKey(now, "\uffff"))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, Long> d : due) {
            deadlines.delete(d.key);
            String id = d.key.substring(d.key.indexOf('|') + 1);
            CustomerState state = customers.state(id);
            if (state != null) {
                apply(id, engine.tick(state, now, profiles.get(id)), now);
            }
        }
        pruneIssues(now);
    }

    private void pruneIssues(long now) {
        while (!issuesByAge.isEmpty() && issuesByAge.peek().detectedAt() < now - keepIssuesMs) {
            issues.delete(issuesByAge.poll().issueId());
        }
    }

    /** {@code %013d|customerId}, without String.format (once per customer event with a pending promise). */
    static String deadlineKey(long at, String customerId) {
        String digits = Long.toString(Math.max(0, at));
        return "0".repeat(Math.max(0, 13 - digits.length())) + digits + "|" + customerId;
    }
}
