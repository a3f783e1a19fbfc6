package io.touchpulse.journey;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.SurveyDecision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The customer stage's logic, without Kafka: folds a customer's signals into their {@link CustomerState} and says
 * what to publish — journey issues, risk, survey decisions, idea mentions — and how to annotate the signal. Rules are
 * in docs/journeys.md. Deterministic: the same events in the same order give the same state, issues and ids.
 */
public final class JourneyEngine {
    private final JourneyConfig config;

    public JourneyEngine(JourneyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Folds one signal of this customer into its state. {@code state} null: first event of this customer.
     * {@code profile} may be null (no profile). Plain web events (not dissatisfied) and events seen already leave the
     * state unchanged.
     *
     * @throws IllegalArgumentException if the signal has no customer id or belongs to another customer than the state
     */
    public Step observe(CustomerState state, Signal s, CustomerProfile profile) {
        Objects.requireNonNull(s, "signal");
        String customerId = s.getCustomerId();
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("signal " + s.getEventId() + " has no customerId: anonymous events skip the customer stage");
        }
        if (state != null && !state.customerId.equals(customerId)) {
            throw new IllegalArgumentException("signal " + s.getEventId() + " is of customer " + customerId
                    + " but the state is of customer " + state.customerId);
        }
        if (s.getSource() == SignalSource.WEB && !s.getDissatisfied()) {
            return Step.unchanged(state);
        }
        if (state == null) {
            state = new CustomerState(Touch.clip(customerId), s.getSegment());
        } else if (seen(state, s.getEventId())) {
            return Step.unchanged(state);
        }
        long now = s.getTimestamp().toEpochMilli();
        int flags = TouchFlags.of(s, config);
        Observation o = new Observation(config, state, s, Touch.of(s, flags, TouchFlags.termsHash(s, flags)), now);
        applyProfile(state, profile, s.getSegment());
        PromiseRules.settleDeadlines(o, now, false);
        CaseRules.expire(o);
        SurveyRules.prune(o);
        EventEffects.apply(o);
        boolean ownText = s.getHasText() && !o.touch.has(Touch.OUTBOUND);
        JourneyCues.Found cues = ownText ? JourneyCues.find(s.getText()) : JourneyCues.Found.NONE;
        SurveyDecision survey = null;
        IdeaMention idea = null;
        if (s.getSource() == SignalSource.INTERACTION) {
            ContactRules.apply(o);
            OutreachRules.apply(o);
            PromiseRules.apply(o);
            SurveyRules.track(o);
            CaseRules.apply(o);
            if (SurveyRules.calls(o.touch, s.getOutcome())) {
                survey = SurveyRules.decide(o);
            }
            idea = IdeaDetector.detect(o, cues.idea());
            EventEffects.remember(state, o.touch);
        }
        LoyaltyRule.apply(o, cues.newCustomerOffer());
        if (now >= state.updatedAt) {
            state.updatedAt = now;
            state.lastEventId = o.touch.eventId();
        }
        CustomerRisk risk = assess(state, state.updatedAt, state.lastEventId);
        return new Step(state, true, o.issues, risk, survey, idea, o.addedReasons, o.repeatedQuestion, state.nextDeadline());
    }

    /** Promise deadlines due at or before {@code nowMs} (event time): broken-promise issues for the ones unfulfilled. */
    public Step tick(CustomerState state, long nowMs, CustomerProfile profile) {
        if (state == null) {
            return Step.unchanged(null);
        }
        boolean profileChanged = applyProfile(state, profile, null);
        Observation o = new Observation(config, state, null, null, nowMs);
        PromiseRules.settleDeadlines(o, nowMs, true);
        CustomerRisk risk = assess(state, Math.max(nowMs, state.updatedAt), state.lastEventId);
        boolean changed = profileChanged || !o.issues.isEmpty() || risk != null;
        return new Step(state, changed, o.issues, risk, null, null, List.of(), false, state.nextDeadline());
    }

    private static boolean seen(CustomerState state, String eventId) {
        if (eventId.equals(state.lastEventId)) {
            return true;
        }
        for (Touch t : state.recent) {
            if (t.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** Takes segment, tier, tenure and value from the profile; without one, the signal's segment if it knows it. */
    private static boolean applyProfile(CustomerState s, CustomerProfile p, String signalSegment) {
        String segment = s.segment;
        String tier = s.tier;
        int tenure = s.tenureMonths;
        double value = s.lifetimeValue;
        if (p != null) {
            if (p.getSegment() != null && !p.getSegment().isBlank()) {
                s.segment = Touch.clip(p.getSegment());
            }
            s.tier = Touch.clip(p.getTier());
            s.tenureMonths = Math.max(0, p.getTenureMonths());
            double ltv = p.getLifetimeValue();
            s.lifetimeValue = Double.isFinite(ltv) && ltv > 0 ? ltv : 0;
        } else if (signalSegment != null && !signalSegment.equals("unknown")) {
            s.segment = Touch.clip(signalSegment);
        }
        return !Objects.equals(segment, s.segment) || !Objects.equals(tier, s.tier) || tenure != s.tenureMonths || value != s.lifetimeValue;
    }

    private CustomerRisk assess(CustomerState s, long at, String eventId) {
        s.surveyBudget = config.surveyBudget();
        s.contactWindowMs = config.contactWindow().toMillis();
        if (!RiskModel.assess(s, at, config)) {
            return null;
        }
        return CustomerRisk.newBuilder().setCustomerId(s.customerId).setSegment(s.segment).setTier(s.tier)
                .setRisk(DriverValue.round(s.risk)).setBand(s.band())
                .setDrivers(s.drivers.stream().map(DriverValue::toAvro).toList())
                .setSentiment(s.sentimentWeight > 0 ? DriverValue.round(s.sentimentSum / s.sentimentWeight) : null)
                .setLifetimeValue(s.lifetimeValue).setValueAtRisk(Math.round(s.valueAtRisk() * 100) / 100.0)
                .setUpdatedAt(Instant.ofEpochMilli(at)).setLastEventId(eventId).build();
    }
}
