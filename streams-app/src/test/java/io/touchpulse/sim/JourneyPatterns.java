package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssueType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately plain reading of the rules table in docs/journeys.md over one customer's interactions (in time
 * order), with the default settings: which journey issue types the sequence shows. It is the test oracle for the
 * scripted cast (each cast customer shows exactly its type, each control customer none) and a rough counter of what
 * the background traffic produces. It is not the production rule engine (io.touchpulse.journey).
 */
final class JourneyPatterns {
    static final int SURVEY_BUDGET = 3, LOYAL_MONTHS = 12, TRIVIAL_SEC = 60, REPEATS = 3;
    static final Duration CALLBACK_DEADLINE = Duration.ofHours(24), UNCOORDINATED_WINDOW = Duration.ofHours(24),
            REPEAT_WINDOW = Duration.ofDays(7);
    private static final Set<String> OPEN_OUTCOMES = Set.of("unresolved", "transferred", "abandoned", "escalated", "callback-promised");
    private static final Set<String> OUTREACH = Set.of("retention", "renewal", "loyalty");

    private JourneyPatterns() {
    }

    /** The types the sequence shows; {@code tenureMonths} null = no profile; {@code now} = end of observation. */
    static Set<JourneyIssueType> of(List<Interaction> events, Integer tenureMonths, Instant now) {
        Set<JourneyIssueType> found = EnumSet.noneOf(JourneyIssueType.class);
        if (brokenPromise(events, now)) found.add(JourneyIssueType.BROKEN_PROMISE);
        if (uncoordinated(events)) found.add(JourneyIssueType.UNCOORDINATED_CONTACT);
        if (surveyFatigue(events)) found.add(JourneyIssueType.SURVEY_FATIGUE);
        if (repeatContact(events)) found.add(JourneyIssueType.REPEAT_CONTACT);
        if (toneDeaf(events)) found.add(JourneyIssueType.TONE_DEAF_OUTREACH);
        if (tenureMonths != null && tenureMonths >= LOYAL_MONTHS && loyaltyPenalty(events)) found.add(JourneyIssueType.LOYALTY_PENALTY);
        return found;
    }

    static boolean brokenPromise(List<Interaction> events, Instant now) {
        for (int i = 0; i < events.size(); i++) {
            Interaction p = events.get(i);
            for (String what : promises(p)) {
                Instant due = due(p, what);
                boolean kept = false;
                for (int j = i + 1; j < events.size() && !kept; j++) {
                    Interaction e = events.get(j);
                    if (due != null && e.getTimestamp().isAfter(due)) break;
                    if (tags(e).contains("fulfilled:" + what)) kept = true;
                    else if (what.equals("callback") && e.getDirection() == Direction.OUTBOUND && e.getKind() == InteractionKind.CALL) kept = true;
                    else if (tags(e).contains("charged:" + what.replace("-waiver", "")) || tags(e).contains("broken:" + what)) return true;
                    else if (what.equals("visit-cancelled") && e.getKind() == InteractionKind.VISIT && e.getDirection() == Direction.OUTBOUND) return true;
                }
                if (!kept && due != null && now.isAfter(due)) return true;
            }
        }
        return false;
    }

    private static List<String> promises(Interaction e) {
        List<String> out = new ArrayList<>();
        for (String t : tags(e)) if (t.startsWith("promise:")) out.add(t.substring("promise:".length()));
        if ("callback-promised".equals(e.getOutcome()) && !out.contains("callback")) out.add("callback");
        return out;
    }

    private static Instant due(Interaction e, String what) {
        for (String t : tags(e)) if (t.startsWith("due:")) return Instant.parse(t.substring(4));
        return what.equals("callback") ? e.getTimestamp().plus(CALLBACK_DEADLINE) : what.equals("refund") ? e.getTimestamp().plus(Duration.ofDays(10)) : null;
    }

    static boolean uncoordinated(List<Interaction> events) {
        Set<String> open = new HashSet<>();
        List<Interaction> outbound = new ArrayList<>();
        for (Interaction e : events) {
            if (e.getDirection() == Direction.OUTBOUND && !open.isEmpty()) {
                outbound.removeIf(o -> o.getTimestamp().isBefore(e.getTimestamp().minus(UNCOORDINATED_WINDOW)));
                outbound.add(e);
                Set<InteractionKind> channels = new HashSet<>();
                boolean marketing = false, service = false;
                for (Interaction o : outbound) {
                    channels.add(o.getKind());
                    if (tags(o).contains("marketing")) marketing = true; else service = true;
                }
                if (channels.size() >= 2 || (marketing && service)) return true;
            }
            if (open.isEmpty()) outbound.clear();
            if (e.getCaseId() != null && e.getOutcome() != null) {
                if (e.getOutcome().equals("resolved")) open.remove(e.getCaseId());
                else if (OPEN_OUTCOMES.contains(e.getOutcome())) open.add(e.getCaseId());
            }
        }
        return false;
    }

    static boolean surveyFatigue(List<Interaction> events) {
        int surveys = 0;
        Interaction lastContact = null;
        for (Interaction e : events) {
            if (e.getKind() != InteractionKind.SURVEY) {
                if (e.getDirection() == Direction.INBOUND) lastContact = e;
                continue;
            }
            if (++surveys > SURVEY_BUDGET) return true;
            if (lastContact != null && (tags(lastContact).contains("trivial")
                    || (lastContact.getDurationSec() != null && lastContact.getDurationSec() < TRIVIAL_SEC))) return true;
        }
        return false;
    }

    static boolean repeatContact(List<Interaction> events) {
        Map<String, List<Instant>> byProblem = new HashMap<>();
        for (Interaction e : events) {
            if (e.getDirection() != Direction.INBOUND || e.getKind() == InteractionKind.SURVEY) continue;
            Set<String> keys = new HashSet<>();
            if (e.getCaseId() != null) keys.add("case:" + e.getCaseId());
            if (e.getTopic() != null) keys.add("topic:" + e.getTopic());
            for (String k : keys) {
                List<Instant> seen = byProblem.computeIfAbsent(k, x -> new ArrayList<>());
                seen.removeIf(t -> t.isBefore(e.getTimestamp().minus(REPEAT_WINDOW)));
                seen.add(e.getTimestamp());
                if (seen.size() >= REPEATS) return true;
            }
        }
        return false;
    }

    static boolean toneDeaf(List<Interaction> events) {
        List<Interaction> complaints = new ArrayList<>();
        for (Interaction e : events) {
            if (e.getDirection() == Direction.OUTBOUND && (OUTREACH.contains(e.getTopic()) || tags(e).stream().anyMatch(OUTREACH::contains))
                    && !complaints.isEmpty()) return true;
            if ("resolved".equals(e.getOutcome()))
                complaints.removeIf(c -> (c.getCaseId() != null && c.getCaseId().equals(e.getCaseId()))
                        || (c.getTopic() != null && c.getTopic().equals(e.getTopic())));
            if (e.getDirection() == Direction.INBOUND && tags(e).contains("complaint") && !"resolved".equals(e.getOutcome())) complaints.add(e);
        }
        return false;
    }

    static boolean loyaltyPenalty(List<Interaction> events) {
        boolean cancelAsked = false;
        for (Interaction e : events) {
            List<String> tags = tags(e);
            if (e.getDirection() == Direction.INBOUND) {
                if (tags.contains("offer:new-customer") || asksNewCustomerOffer(e.getText())) return true;
                if (tags.contains("retention") || "retention".equals(e.getTopic())) cancelAsked = true;
            }
            if (tags.contains("offer:retention") && cancelAsked) return true;
        }
        return false;
    }

    static boolean asksNewCustomerOffer(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("new customer");
    }

    private static List<String> tags(Interaction e) {
        return e.getTags() == null ? List.of() : e.getTags();
    }
}
