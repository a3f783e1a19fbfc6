package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.SurveyDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Surveys: counts the ones a customer gets (a send decision counts; the first SURVEY event within 48 h after a send
 * decision is that survey's delivery or answer, not a new one; every other SURVEY event is a survey), raises SURVEY_FATIGUE when one arrives over the budget or right after a
 * trivial interaction (once per period), and decides send/suppress after inbound calls, chats, visits and e-mails.
 */
final class SurveyRules {
    static final long SAME_SURVEY = 48 * 3_600_000L;
    static final long TRIVIAL_BEFORE = 24 * 3_600_000L;

    private SurveyRules() {}

    static void prune(Observation o) {
        long from = o.now - o.config.surveyPeriod().toMillis();
        o.state.surveys.removeIf(ts -> ts <= from);
        o.state.pendingSends.removeIf(ts -> ts <= o.now - SAME_SURVEY);
    }

    /** A SURVEY event arrived. */
    static void track(Observation o) {
        Touch t = o.touch;
        if (!t.has(Touch.SURVEY)) {
            return;
        }
        List<Long> surveys = o.state.surveys;
        boolean counted = !deliversPendingSend(o);
        if (counted) {
            CustomerState.addCapped(surveys, o.now, CustomerState.MAX_SURVEYS);
        }
        Touch trivial = trivialBefore(o);
        boolean overBudget = counted && surveys.size() > o.config.surveyBudget();
        if (!(overBudget || trivial != null)) {
            return;
        }
        if (o.state.fatigueIssueAt != CustomerState.NEVER && o.now - o.state.fatigueIssueAt < o.config.surveyPeriod().toMillis()) {
            return; // once per period
        }
        o.state.fatigueIssueAt = o.now;
        List<JourneyEvidence> evidence = new ArrayList<>();
        long from = o.now - o.config.surveyPeriod().toMillis();
        for (Touch r : o.state.recent) {
            if (r.has(Touch.SURVEY) && r.ts() > from) {
                evidence.add(r.evidence("survey"));
            }
        }
        if (trivial != null) {
            evidence.add(trivial.evidence("trivial-interaction"));
        }
        evidence.add(t.evidence("survey"));
        long days = o.config.surveyPeriod().toDays();
        String summary = overBudget
                ? surveys.size() + " surveys in " + days + " days, over the budget of " + o.config.surveyBudget() + "."
                : "Survey on " + Journeys.day(o.now) + " right after a trivial " + trivial.kind().toLowerCase(java.util.Locale.ROOT)
                  + " (" + trivial.touchpoint() + ").";
        String action = "Suppress surveys to this customer until " + Journeys.day(surveys.get(0) + o.config.surveyPeriod().toMillis())
                + (trivial != null ? "; stop the survey trigger on " + trivial.touchpoint() + " after trivial interactions." : "; check which survey tools ignore the survey budget.");
        o.raise(JourneyIssueType.SURVEY_FATIGUE, t.eventId(), summary, action, evidence, t.touchpoint(), null);
    }

    /** Consumes the oldest send decision of the last 48 h this survey delivers (it was counted when decided). */
    private static boolean deliversPendingSend(Observation o) {
        List<Long> pending = o.state.pendingSends;
        for (int i = 0; i < pending.size(); i++) {
            long sent = pending.get(i);
            if (sent <= o.now && o.now - sent <= SAME_SURVEY) {
                pending.remove(i);
                return true;
            }
        }
        return false;
    }

    /** The last non-survey interaction before the survey, if it was trivial and recent. */
    private static Touch trivialBefore(Observation o) {
        for (int i = o.state.recent.size() - 1; i >= 0; i--) {
            Touch r = o.state.recent.get(i);
            if (r.has(Touch.SURVEY) || r.ts() > o.now) {
                continue;
            }
            return r.has(Touch.TRIVIAL) && o.now - r.ts() <= TRIVIAL_BEFORE ? r : null;
        }
        return null;
    }

    /** Send or suppress a survey about this inbound call, chat, visit or e-mail (which has an outcome). */
    static SurveyDecision decide(Observation o) {
        Touch t = o.touch;
        List<Long> surveys = o.state.surveys;
        int inPeriod = surveys.size();
        long last = surveys.isEmpty() ? CustomerState.NEVER : surveys.get(surveys.size() - 1);
        String reason;
        if (inPeriod >= o.config.surveyBudget()) {
            reason = "budget-exhausted";
        } else if (last != CustomerState.NEVER && o.now - last < o.config.surveyMinGap().toMillis()) {
            reason = "recently-surveyed";
        } else if (t.has(Touch.TRIVIAL)) {
            reason = "trivial-interaction";
        } else if (o.state.cases.stream().anyMatch(OpenCase::escalated)) {
            reason = "open-complaint";
        } else {
            reason = "ok";
        }
        boolean send = reason.equals("ok");
        if (send) {
            CustomerState.addCapped(surveys, o.now, CustomerState.MAX_SURVEYS);
            CustomerState.addCapped(o.state.pendingSends, o.now, CustomerState.MAX_SURVEYS);
        }
        return SurveyDecision.newBuilder().setCustomerId(o.state.customerId).setEventId(t.eventId())
                .setDecidedAt(Instant.ofEpochMilli(o.now)).setSend(send).setReason(reason)
                .setSurveysInPeriod(inPeriod).setBudget(o.config.surveyBudget())
                .setTouchpoint(t.touchpoint()).setChannel(t.channel()).build();
    }

    static boolean calls(Touch t, String outcome) {
        return outcome != null && t.has(Touch.INBOUND_CONTACT)
                && switch (t.kind()) { case "CALL", "CHAT", "VISIT", "EMAIL" -> true; default -> false; };
    }
}
