package io.touchpulse.sim;

import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One visit in progress: who (customer or anonymous), on which channel, the session clock, and what went wrong so far.
 * Emits its page views and searches to the timeline; the flows ({@link WebSessions}) decide which pages come next.
 */
final class Session {
    private final SimContext ctx;
    long t;
    int customer;          // -1 = anonymous
    Segment visible;       // null = anonymous or no profile: never hit by incidents
    String customerId, sessionId, key, channel;
    boolean app;
    /** What hurt the visitor most in this session (for a possible complaint afterwards), -1 = nothing. */
    int hurtTopic;
    Incident hurtIncident;

    Session(SimContext ctx) {
        this.ctx = ctx;
    }

    void start(long t0, int c, boolean app) {
        t = t0;
        customer = c;
        visible = c < 0 ? null : ctx.pop.visibleSegment(c);
        customerId = c < 0 ? null : ctx.pop.ids[c];
        sessionId = ctx.ids.session();
        key = customerId != null ? customerId : sessionId;
        this.app = app;
        channel = app ? "mobile-app" : "web";
        hurtTopic = -1;
        hurtIncident = null;
    }

    private int lastLatency;
    private Incident lastIncident;

    /** Draws the response to a request on {@code tp}; {@code incidentTp} is the touchpoint incidents are matched on. */
    int request(String tp, String incidentTp) {
        SplittableRandom r = ctx.rng;
        lastIncident = ctx.board.find(ctx.board.mask(t), Incident.Effect.ERROR_SURGE, visible, incidentTp);
        double surge = lastIncident == null ? 0 : lastIncident.intensity();
        int status = WebBehaviour.status(tp, surge, r);
        lastLatency = WebBehaviour.latency(tp, status, surge, r);
        if (WebBehaviour.failed(status)) hurt(topicOf(incidentTp), lastIncident, -0.05);
        return status;
    }

    /** Emits the page view for the last {@link #request} and moves the clock on by latency + think time. */
    void page(String tp, String path, int status, boolean abandoned) {
        ctx.timeline.web(t, key, new WebTraffic(ctx.ids.event(), Instant.ofEpochMilli(t), customerId, sessionId, tp,
                channel, path, status, lastLatency, abandoned));
        t += lastLatency + (long) Dist.logNormal(ctx.rng, app ? 7_000 : 12_000, 0.8);
    }

    /** Request + page view in one go; returns the status. */
    int visit(String tp, String path) {
        int s = request(tp, tp);
        page(tp, path, s, false);
        return s;
    }

    void search(String query, int results, boolean reformulated, Boolean clicked) {
        ctx.timeline.search(t, key, new SearchEvent(ctx.ids.event(), Instant.ofEpochMilli(t), customerId, sessionId,
                Touchpoints.SEARCH, channel, query, results, reformulated, clicked));
        t += 300 + ctx.rng.nextInt(700);
    }

    void hurt(int topic, Incident incident, double moodDelta) {
        if (hurtTopic < 0 || (incident != null && hurtIncident == null)) {
            hurtTopic = topic;
            hurtIncident = incident;
        }
        if (customer >= 0) ctx.pop.experience(customer, moodDelta);
    }

    void pleased(double moodDelta) {
        if (customer >= 0) ctx.pop.experience(customer, moodDelta);
    }

    static int topicOf(String tp) {
        return switch (tp) {
            case Touchpoints.BILLING -> 0;
            case Touchpoints.CHECKOUT -> 1;
            case Touchpoints.LOGIN -> 2;
            case Touchpoints.SEARCH -> 3;
            case Touchpoints.MOBILE_APP -> 4;
            default -> 5;
        };
    }
}
