package io.touchpulse.journey;

import io.touchpulse.schema.Signal;

import java.util.List;

/**
 * What every relevant event does to the customer's running picture before the journey rules look at it: rolling
 * sentiment, dissatisfied moments, churn intent, survey scores; and how an interaction joins the recent history.
 */
final class EventEffects {
    private EventEffects() {}

    static void apply(Observation o) {
        Signal s = o.signal;
        CustomerState st = o.state;
        long now = o.now;
        if (s.getHasText() && !o.touch.has(Touch.OUTBOUND)) {
            // decay to the latest time seen; a late text enters with the weight it would have by now
            long at = Math.max(now, st.sentimentAt);
            st.sentimentSum = Journeys.decay(st.sentimentSum, st.sentimentAt, at, o.halfLife());
            st.sentimentWeight = Journeys.decay(st.sentimentWeight, st.sentimentAt, at, o.halfLife());
            double w = Journeys.decay(1.0, now, at, o.halfLife());
            st.sentimentSum += w * s.getCompound();
            st.sentimentWeight += w;
            st.sentimentAt = at;
        }
        if (s.getDissatisfied()) {
            List<String> reasons = s.getReasons().size() <= 6 ? List.copyOf(s.getReasons()) : List.copyOf(s.getReasons().subList(0, 6));
            CustomerState.addCapped(st.dissatisfaction, new Dissatisfaction(now, o.touch.touchpoint(), reasons),
                    CustomerState.MAX_DISSATISFACTION);
        }
        if (TouchFlags.churn(s)) {
            o.bump(Driver.CHURN_INTENT, 1.0);
            if (now >= st.churnAt) {
                st.churnAt = now;
                st.churnTouch = o.touch;
            }
        }
        score(o, s.getNps(), s.getCsat());
    }

    /**
     * NPS ≤ 6 / CSAT ≤ 2 set the detractor driver (NPS 6 = 0.5 up to NPS 0 = 1; CSAT 2 = 0.6, 1 = 1); a promoter or
     * satisfied score (NPS ≥ 9, CSAT ≥ 4) halves it: the customer's latest word counts most.
     */
    private static void score(Observation o, Integer nps, Integer csat) {
        double strength = 0;
        String detail = null;
        if (nps != null && nps <= 6) {
            strength = 0.5 + 0.5 * (6 - nps) / 6.0;
            detail = "NPS " + nps;
        }
        if (csat != null && csat <= 2) {
            double c = csat <= 1 ? 1.0 : 0.6;
            if (c > strength) {
                strength = c;
                detail = "CSAT " + csat + "/5";
            }
        }
        if (strength > 0) {
            o.bump(Driver.DETRACTOR, strength);
            o.state.detractorDetail = detail + " on " + Journeys.day(o.now) + " (" + o.touch.touchpoint() + ")";
        } else if ((nps != null && nps >= 9) || (csat != null && csat >= 4)) {
            int i = Driver.DETRACTOR.ordinal();
            o.state.levels[i] = Journeys.decay(o.state.levels[i], o.state.levelAt[i], o.now, o.halfLife()) * 0.5;
            o.state.levelAt[i] = Math.max(o.now, o.state.levelAt[i]);
        }
    }

    /** Adds an interaction to the bounded history, in event-time order (late events slot in). */
    static void remember(CustomerState s, Touch t) {
        List<Touch> recent = s.recent;
        int at = recent.size();
        while (at > 0 && recent.get(at - 1).ts() > t.ts()) {
            at--;
        }
        recent.add(at, t);
        while (recent.size() > CustomerState.MAX_RECENT) {
            recent.remove(0);
        }
    }
}
