package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssueType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Promises made to a customer and whether they were kept: {@code promise:<what>} (or outcome
 * {@code callback-promised}) makes one, {@code fulfilled:<what>} or an outbound call (for a callback) keeps it,
 * {@code charged:<what>}, {@code broken:<what>}, a technician visit after {@code visit-cancelled} or its deadline
 * breaks it. BROKEN_PROMISE fires once per promise.
 */
final class PromiseRules {
    private static final String PROMISE = "promise:";
    private static final String DUE = "due:";

    private PromiseRules() {}

    /** Breaks pending promises whose deadline is before {@code upTo} (or at it, when {@code inclusive}). */
    static void settleDeadlines(Observation o, long upTo, boolean inclusive) {
        List<Promise> promises = o.state.promises;
        for (int i = 0; i < promises.size(); i++) {
            Promise p = promises.get(i);
            if (p.pending() && (p.dueAt() < upTo || (inclusive && p.dueAt() == upTo))) {
                Promise broken = p.settle(Promise.Status.BROKEN, p.dueAt(), null);
                promises.set(i, broken);
                raise(o, broken, null);
            }
        }
    }

    /** Applies one interaction: contradictions and fulfilments first, then new promises. */
    static void apply(Observation o) {
        Touch t = o.touch;
        List<String> tags = o.tags();
        List<Promise> promises = o.state.promises;
        for (int i = 0; i < promises.size(); i++) {
            Promise p = promises.get(i);
            if (!p.pending() || p.origin().eventId().equals(t.eventId())) {
                continue;
            }
            String contradiction = contradiction(p, t, tags);
            if (contradiction != null) {
                Promise broken = p.settle(Promise.Status.BROKEN, o.now, t);
                promises.set(i, broken);
                raise(o, broken, contradiction);
            } else if (fulfils(p, t, tags)) {
                promises.set(i, p.settle(Promise.Status.KEPT, o.now, t));
            }
        }
        long due = due(tags);
        for (String tag : tags) {
            if (tag.startsWith(PROMISE) && tag.length() > PROMISE.length()) {
                make(o, Touch.clip(tag.substring(PROMISE.length())), due);
            }
        }
        if ("callback-promised".equals(o.signal.getOutcome())) {
            make(o, "callback", due);
        }
        expire(o);
    }

    /** What about this event breaks the promise, as a phrase for the summary, or null. */
    private static String contradiction(Promise p, Touch t, List<String> tags) {
        for (String tag : tags) {
            if (tag.startsWith("charged:") && p.contradictedBy(tag.substring(8))) {
                return "the " + tag.substring(8) + " was charged";
            }
            if (tag.startsWith("broken:") && p.contradictedBy(tag.substring(7))) {
                return t.touchpoint() + " reported it broken";
            }
        }
        return p.what().equals("visit-cancelled") && "VISIT".equals(t.kind()) && t.has(Touch.OUTBOUND)
                ? "a technician visited anyway" : null;
    }

    private static boolean fulfils(Promise p, Touch t, List<String> tags) {
        for (String tag : tags) {
            if (tag.startsWith("fulfilled:") && p.contradictedBy(tag.substring(10))) {
                return true;
            }
        }
        return p.what().equals("callback") && "CALL".equals(t.kind()) && t.has(Touch.OUTBOUND);
    }

    private static void make(Observation o, String what, long due) {
        for (Promise p : o.state.promises) {
            if (p.pending() && p.what().equals(what)) {
                return; // the same promise said again
            }
        }
        long dueAt = due != Long.MIN_VALUE ? due : o.config.deadline(what, o.now);
        List<Promise> promises = o.state.promises;
        if (promises.size() >= CustomerState.MAX_PROMISES) {
            int drop = 0; // the oldest settled one, else the oldest
            for (int i = 0; i < promises.size(); i++) {
                if (!promises.get(i).pending()) {
                    drop = i;
                    break;
                }
            }
            promises.remove(drop);
        }
        promises.add(new Promise(what, o.now, dueAt, Promise.Status.PENDING, 0, o.touch, null));
    }

    /** Settled promises stay visible for the case-expiry period, then go. */
    private static void expire(Observation o) {
        long horizon = o.now - o.config.caseExpiry().toMillis();
        o.state.promises.removeIf(p -> !p.pending() && p.settledAt() < horizon);
    }

    /** A {@code due:<ISO-8601 instant>} tag; a malformed one is ignored (the default deadline applies). */
    private static long due(List<String> tags) {
        for (String tag : tags) {
            if (tag.startsWith(DUE)) {
                try {
                    return Instant.parse(tag.substring(DUE.length()).toUpperCase(java.util.Locale.ROOT)).toEpochMilli();
                } catch (DateTimeParseException e) {
                    return Long.MIN_VALUE;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private static void raise(Observation o, Promise p, String contradiction) {
        o.bump(Driver.BROKEN_PROMISE, 1.0);
        Touch origin = p.origin();
        String made = Journeys.day(p.madeAt());
        String what = p.what().replace('-', ' ');
        List<JourneyEvidence> evidence = new ArrayList<>(2);
        evidence.add(origin.evidence("promise"));
        String summary;
        if (p.settledBy() != null) {
            evidence.add(p.settledBy().evidence("contradiction"));
            summary = capitalise(what) + " promised on " + made + " " + Journeys.via(origin) + " was broken: "
                    + contradiction + " on " + Journeys.day(p.settledAt()) + ".";
        } else {
            summary = capitalise(what) + " promised on " + made + " " + Journeys.via(origin)
                    + " was not delivered by its deadline " + Journeys.day(p.dueAt()) + ".";
        }
        o.raise(JourneyIssueType.BROKEN_PROMISE, origin.eventId() + "|" + p.what(), summary, action(p), evidence,
                origin.touchpoint(), origin.topic(), p.settledAt());
    }

    /** A concrete next step per kind of promise, with the dates an agent needs. */
    static String action(Promise p) {
        String made = Journeys.day(p.madeAt()) + " " + Journeys.via(p.origin());
        String settled = Journeys.day(p.settledAt());
        String what = p.what();
        if (what.endsWith("-waiver")) {
            String thing = what.substring(0, what.length() - "-waiver".length());
            return "Reverse the " + thing + " charged on " + settled + " and call the customer back; the waiver was promised on " + made + ".";
        }
        return switch (what) {
            case "callback" -> "Call the customer back today and apologise for the missed callback promised on " + made + ".";
            case "refund" -> "Issue the refund promised on " + made + " now and confirm it to the customer in writing.";
            case "visit-cancelled" -> "Apologise for the technician visit on " + settled + " that was cancelled on " + made
                    + ", and waive any visit charge.";
            default -> "Deliver the " + what.replace('-', ' ') + " promised on " + made
                    + ", or call the customer to explain and agree a new date.";
        };
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
