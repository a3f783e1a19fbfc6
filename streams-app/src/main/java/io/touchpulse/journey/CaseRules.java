package io.touchpulse.journey;

import java.util.List;

/**
 * Keeps the customer's open cases: a case opens with its first non-resolved interaction and closes with outcome
 * {@code resolved}; a complaint without a case id opens a {@code topic:<topic>} case that a resolution on the topic
 * closes. Surveys never open cases: a CSAT survey carries the case id of a contact that may be resolved already.
 */
final class CaseRules {
    private CaseRules() {}

    static void apply(Observation o) {
        Touch t = o.touch;
        List<OpenCase> cases = o.state.cases;
        String outcome = o.signal.getOutcome();
        if (t.has(Touch.RESOLVED)) {
            String topicKey = OpenCase.topicKey(t.topic());
            cases.removeIf(c -> c.key().equals(t.caseId()) || c.key().equals(topicKey)
                    || (t.caseId() == null && t.topic() != null && t.topic().equals(c.topic())));
            return;
        }
        if (t.has(Touch.SURVEY)) {
            return;
        }
        boolean complaint = t.has(Touch.COMPLAINT);
        boolean escalated = o.tags().contains("escalation") || "escalated".equals(outcome);
        String key = t.caseId() != null ? t.caseId() : complaint ? OpenCase.topicKey(t.topic()) : null;
        if (key == null) {
            return;
        }
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).key().equals(key)) {
                cases.set(i, cases.get(i).touched(o.now, outcome, complaint, escalated, t));
                return;
            }
        }
        if (cases.size() >= CustomerState.MAX_CASES) {
            int stalest = 0;
            for (int i = 1; i < cases.size(); i++) {
                if (cases.get(i).lastAt() < cases.get(stalest).lastAt()) {
                    stalest = i;
                }
            }
            cases.remove(stalest);
        }
        cases.add(new OpenCase(key, t.topic(), o.now, o.now, outcome, complaint, escalated, false, t));
    }

    /** Cases without any interaction for the case-expiry period are assumed closed elsewhere. */
    static void expire(Observation o) {
        long horizon = o.now - o.config.caseExpiry().toMillis();
        o.state.cases.removeIf(c -> c.lastAt() < horizon);
    }

    /** The open complaint nobody has answered that is oldest, or null. */
    static OpenCase oldestComplaint(CustomerState s) {
        OpenCase oldest = null;
        for (OpenCase c : s.cases) {
            if (c.complaint() && (oldest == null || c.openedAt() < oldest.openedAt())) {
                oldest = c;
            }
        }
        return oldest;
    }
}
