package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssueType;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer coming back about the same problem: the 2nd+ inbound contact about one case or topic within the
 * repeat window is marked REPEAT_CONTACT; the threshold-th (3rd) raises a REPEAT_CONTACT issue, once per problem per
 * window. The same question asked again (same case, topic or words) marks the signal UNANSWERED.
 * Runs before the event joins the customer's history.
 */
final class ContactRules {
    static final String REPEAT_CONTACT = "REPEAT_CONTACT";
    static final String UNANSWERED = "UNANSWERED";

    private ContactRules() {}

    static void apply(Observation o) {
        Touch t = o.touch;
        long from = o.now - o.config.repeatWindow().toMillis();
        if (t.has(Touch.INBOUND_CONTACT) && (t.caseId() != null || t.topic() != null)) {
            List<Touch> same = new ArrayList<>(4);
            for (Touch r : o.state.recent) {
                if (r.has(Touch.INBOUND_CONTACT) && r.ts() > from && r.ts() <= o.now && r.sameProblem(t.caseId(), t.topic())) {
                    same.add(r);
                }
            }
            if (!same.isEmpty()) {
                o.addReason(REPEAT_CONTACT);
            }
            if (same.size() + 1 >= o.config.repeatThreshold()) {
                repeatIssue(o, same, from);
            }
        }
        if (t.has(Touch.QUESTION) && !t.has(Touch.OUTBOUND)) {
            for (Touch r : o.state.recent) {
                if (r.has(Touch.QUESTION) && !r.has(Touch.OUTBOUND) && r.ts() > from && r.ts() <= o.now
                        && (r.sameProblem(t.caseId(), t.topic()) || (t.termsHash() != 0 && r.termsHash() == t.termsHash()))) {
                    o.repeatedQuestion = true;
                    o.addReason(UNANSWERED);
                    break;
                }
            }
        }
    }

    private static void repeatIssue(Observation o, List<Touch> earlier, long from) {
        Touch t = o.touch;
        String problem = t.topic() != null ? "topic:" + t.topic() : "case:" + t.caseId();
        List<Marker> markers = o.state.repeatIssues;
        for (Marker m : markers) {
            if (m.key().equals(problem) && m.ts() > from) {
                return; // already raised for this problem within the window
            }
        }
        markers.removeIf(m -> m.key().equals(problem));
        CustomerState.addCapped(markers, new Marker(problem, o.now), CustomerState.MAX_MARKERS);
        List<JourneyEvidence> evidence = new ArrayList<>(earlier.size() + 1);
        for (Touch r : earlier) {
            evidence.add(r.evidence("contact"));
        }
        evidence.add(t.evidence("contact"));
        int n = earlier.size() + 1;
        long days = Math.max(1, (o.now - earlier.get(0).ts() + Journeys.DAY - 1) / Journeys.DAY);
        String about = t.topic() != null ? t.topic() : "case " + t.caseId();
        String summary = n + " contacts about " + about + " in " + Journeys.plural((int) days, "day", "days")
                + " without a resolution.";
        String action = "Give the " + about + " problem one owner who calls the customer back with a fix and a date;"
                + " check why the " + Journeys.plural(n - 1, "earlier answer", "earlier answers") + " did not solve it.";
        o.raise(JourneyIssueType.REPEAT_CONTACT, problem + "|" + earlier.get(0).eventId(), summary, action, evidence,
                t.touchpoint(), t.topic());
    }
}
