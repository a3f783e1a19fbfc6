package io.touchpulse.journey;

import java.util.Locale;
import java.util.Set;

/**
 * How strongly each risk driver is present for one customer at one time, in [0, 1], with a sentence that shows the
 * numbers. Event-driven drivers (churn intent, broken promise, detractor, journey friction) are levels set by events
 * that halve every half-life; the others are read from the state (recent contacts, open cases, profile).
 */
final class DriverStrengths {
    /** Tiers with the least to lose by leaving. */
    private static final Set<String> LOW_TIERS = Set.of("bronze", "basic", "free", "low", "starter");
    /** Texts needed for full confidence in the rolling sentiment. */
    private static final double SENTIMENT_TEXTS = 3.0;

    /** A driver's strength, and the sentence explaining it (built only when the risk is published: strings cost). */
    record Measure(double strength, java.util.function.Supplier<String> detail) {}

    private DriverStrengths() {}

    /** Null when the driver is absent. */
    static Measure measure(Driver d, CustomerState s, long now, JourneyConfig c) {
        long half = c.halfLife().toMillis();
        return switch (d) {
            case NEGATIVE_SENTIMENT_TREND -> sentiment(s, now, half);
            case CHURN_INTENT -> level(d, s, now, half, () -> "said they want to leave on " + Journeys.day(s.churnAt)
                    + (s.churnTouch == null ? "" : " " + Journeys.via(s.churnTouch) + quote(s.churnTouch.text())));
            case REPEAT_CONTACTS -> repeats(s, now, c);
            case UNRESOLVED_CASE -> cases(s, now);
            case BROKEN_PROMISE -> level(d, s, now, half, () -> brokenPromises(s));
            case DETRACTOR -> level(d, s, now, half, () -> s.detractorDetail == null ? "low survey score" : s.detractorDetail);
            case TENURE_VALUE -> tenure(s);
            case JOURNEY_FRICTION -> level(d, s, now, half, () -> friction(s));
        };
    }

    private static Measure level(Driver d, CustomerState s, long now, long half, java.util.function.Supplier<String> detail) {
        double v = Journeys.decay(s.levels[d.ordinal()], s.levelAt[d.ordinal()], now, half);
        return v <= 0 ? null : new Measure(Math.min(1, v), detail);
    }

    /** A clearly negative mean (below -0.05) of the customer's own texts, scaled by how many texts back it. */
    private static Measure sentiment(CustomerState s, long now, long half) {
        if (s.sentimentWeight <= 0) {
            return null;
        }
        double mean = s.sentimentSum / s.sentimentWeight;
        double weight = Journeys.decay(s.sentimentWeight, s.sentimentAt, now, half);
        double strength = Math.min(1, Math.max(0, (-mean - 0.05) / 0.55)) * Math.min(1, weight / SENTIMENT_TEXTS);
        if (strength <= 0) {
            return null;
        }
        return new Measure(strength, () -> "mean sentiment " + RiskModel.pct(mean) + " over "
                + Journeys.plural((int) Math.max(1, Math.round(weight)), "recent text", "recent texts") + " (time-decayed)");
    }

    /** 2 contacts about one problem within the repeat window = 1/3, 3 = 2/3, 4+ = 1. */
    private static Measure repeats(CustomerState s, long now, JourneyConfig c) {
        long from = now - c.repeatWindow().toMillis();
        int best = 0;
        Touch first = null;
        Touch last = null;
        for (int i = 0; i < s.recent.size(); i++) {
            Touch t = s.recent.get(i);
            if (!t.has(Touch.INBOUND_CONTACT) || t.ts() <= from || t.ts() > now || (t.caseId() == null && t.topic() == null)) {
                continue;
            }
            int n = 0;
            Touch lastSame = t;
            for (int j = i; j < s.recent.size(); j++) {
                Touch u = s.recent.get(j);
                if (u.has(Touch.INBOUND_CONTACT) && u.ts() <= now && u.sameProblem(t.caseId(), t.topic())) {
                    n++;
                    lastSame = u;
                }
            }
            if (n > best) {
                best = n;
                first = t;
                last = lastSame;
            }
        }
        if (best < 2) {
            return null;
        }
        long days = Math.max(1, (last.ts() - first.ts() + Journeys.DAY - 1) / Journeys.DAY);
        String about = first.topic() != null ? first.topic() : "case " + first.caseId();
        int n = best;
        return new Measure(Math.min(1, (best - 1) / 3.0), () -> n + " contacts about " + about + " in " + Journeys.plural((int) days, "day", "days"));
    }

    /** Per case 0.4, +0.3 a complaint, +0.1 escalated, +0.2 open over a week; the worst case plus 0.1 per other case. */
    private static Measure cases(CustomerState s, long now) {
        if (s.cases.isEmpty()) {
            return null;
        }
        double worst = 0;
        OpenCase oldest = s.cases.get(0);
        for (OpenCase c : s.cases) {
            double v = 0.4 + (c.complaint() ? 0.3 : 0) + (c.escalated() ? 0.1 : 0) + (now - c.openedAt() > 7 * Journeys.DAY ? 0.2 : 0);
            worst = Math.max(worst, v);
            if (c.openedAt() < oldest.openedAt()) {
                oldest = c;
            }
        }
        OpenCase o = oldest;
        return new Measure(Math.min(1, worst + 0.1 * (s.cases.size() - 1)), () -> {
            long days = Math.max(0, (now - o.openedAt()) / Journeys.DAY);
            String what = (o.topic() == null ? "" : o.topic() + ", ") + (o.escalated() ? "escalated " : "")
                    + (o.complaint() ? "complaint" : "case");
            return Journeys.plural(s.cases.size(), "open case", "open cases") + "; the oldest (" + what + ") open for "
                    + (days == 0 ? "less than a day" : Journeys.plural((int) days, "day", "days"));
        });
    }

    /**
     * New customers leave most (churn hazard is highest in the first year and falls with tenure), and low tiers have the
     * least to lose: 1 at 0 months falling to 0 at 12, or 0.4 for a low tier. Unknown without a profile.
     */
    private static Measure tenure(CustomerState s) {
        if (s.tenureMonths < 0) {
            return null;
        }
        double fresh = Math.max(0, 1 - s.tenureMonths / 12.0);
        boolean low = s.tier != null && LOW_TIERS.contains(s.tier.toLowerCase(Locale.ROOT));
        double strength = Math.max(fresh, low ? 0.4 : 0);
        if (strength <= 0) {
            return null;
        }
        boolean byTenure = fresh >= (low ? 0.4 : 0) && fresh > 0;
        return new Measure(strength, () -> byTenure
                ? "customer for " + Journeys.plural(s.tenureMonths, "month", "months") + " (churn is highest in the first year)"
                : s.tier + " tier (least to lose by switching)");
    }

    private static String brokenPromises(CustomerState s) {
        Promise last = null;
        int n = 0;
        for (Promise p : s.promises) {
            if (p.status() == Promise.Status.BROKEN) {
                n++;
                if (last == null || p.settledAt() > last.settledAt()) {
                    last = p;
                }
            }
        }
        if (last == null) {
            return "a broken promise";
        }
        return Journeys.plural(n, "broken promise", "broken promises") + "; last: " + last.what() + " promised on "
                + Journeys.day(last.madeAt()) + ", broken on " + Journeys.day(last.settledAt());
    }

    private static String friction(CustomerState s) {
        StringBuilder types = new StringBuilder();
        for (io.touchpulse.schema.JourneyIssueType t : io.touchpulse.schema.JourneyIssueType.values()) {
            if ((s.frictionTypes & (1 << t.ordinal())) != 0) {
                types.append(types.isEmpty() ? "" : ", ").append(t.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return Journeys.plural(s.frictionCount, "journey issue", "journey issues") + " (" + types + ")";
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        return ": \"" + (text.length() <= 80 ? text : text.substring(0, 79) + "…") + "\"";
    }
}
