package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbound contacts that ignore what the customer is going through: several channels contacting a customer with an
 * open case (UNCOORDINATED_CONTACT, once per case) and retention/renewal/loyalty outreach while a complaint is
 * unanswered (TONE_DEAF_OUTREACH, once per outreach). Runs before the event's own outcome updates the cases: what
 * matters is what was open when the contact happened.
 */
final class OutreachRules {
    private OutreachRules() {}

    static void apply(Observation o) {
        if (!o.touch.has(Touch.OUTBOUND)) {
            return;
        }
        toneDeaf(o);
        uncoordinated(o);
    }

    private static void toneDeaf(Observation o) {
        Touch t = o.touch;
        OpenCase complaint = CaseRules.oldestComplaint(o.state);
        if (!t.has(Touch.RETENTION) || complaint == null) {
            return;
        }
        String about = complaint.topic() == null ? "" : " about " + complaint.topic();
        String since = Journeys.day(complaint.openedAt());
        String kind = t.kind().toLowerCase(java.util.Locale.ROOT);
        String summary = "Retention " + kind + " on " + Journeys.day(o.now) + " while the complaint" + about + " from "
                + since + " is still unanswered.";
        String caseRef = complaint.key().startsWith("topic:") ? "" : " (case " + complaint.key() + ")";
        String action = "Hold retention and marketing outreach to this customer; resolve the complaint" + about
                + " from " + since + caseRef + " first, then call back with the answer.";
        o.raise(JourneyIssueType.TONE_DEAF_OUTREACH, t.eventId(), summary, action,
                List.of(complaint.origin().evidence("complaint"), t.evidence("outreach")), t.touchpoint(), complaint.topic());
    }

    private static void uncoordinated(Observation o) {
        OpenCase open = null;
        for (OpenCase c : o.state.cases) {
            if (!c.uncoordinated() && (open == null || c.lastAt() > open.lastAt())) {
                open = c;
            }
        }
        if (open == null) {
            return;
        }
        long from = Math.max(o.now - o.config.uncoordinatedWindow().toMillis(), open.openedAt());
        List<Touch> contacts = new ArrayList<>(4);
        for (Touch t : o.state.recent) {
            if (t.has(Touch.OUTBOUND) && t.ts() >= from && t.ts() <= o.now) {
                contacts.add(t);
            }
        }
        contacts.add(o.touch);
        Set<String> channels = new LinkedHashSet<>();
        boolean marketing = false;
        boolean service = false;
        for (Touch t : contacts) {
            channels.add(t.channel());
            marketing |= t.has(Touch.MARKETING);
            service |= !t.has(Touch.MARKETING);
        }
        if (channels.size() < 2 && !(marketing && service)) {
            return;
        }
        o.state.cases.set(o.state.cases.indexOf(open), open.markUncoordinated());
        List<JourneyEvidence> evidence = new ArrayList<>(contacts.size() + 1);
        evidence.add(open.origin().evidence("open-case"));
        for (Touch t : contacts) {
            evidence.add(t.evidence("outbound-contact"));
        }
        String about = open.topic() == null ? "" : " about " + open.topic();
        String caseName = open.key().startsWith("topic:") ? "the complaint" + about : "case " + open.key() + about;
        long hours = Math.max(1, (o.now - contacts.get(0).ts() + 3_599_999) / 3_600_000);
        String summary = contacts.size() + " outbound contacts on " + String.join(", ", channels)
                + (marketing && service ? " (service and marketing)" : "") + " within " + hours + " h while "
                + caseName + " is open.";
        String action = "Name one owner for " + caseName + " and route all contact through them; pause marketing"
                + " to this customer until it is resolved.";
        o.raise(JourneyIssueType.UNCOORDINATED_CONTACT, open.key(), summary, action, evidence, o.touch.touchpoint(), open.topic());
    }
}
