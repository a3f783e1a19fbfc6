package io.touchpulse.sim;

import io.touchpulse.schema.InteractionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic event generator behind the demo, the benchmark and the end-to-end tests. Activities (visits and
 * contacts) arrive as a non-homogeneous Poisson process following the {@link Diurnal} curve (by thinning); scripted
 * incidents add their own extra activity on top, and a scripted cast plays every customer-journey pattern
 * ({@link JourneyCast}) next to a control group of near misses. Everything comes from one seeded generator and simulated time only,
 * so the same {@link SimConfig} yields exactly the same events, whatever step sizes {@link #advance} is called with.
 */
public final class Simulator {
    /** Mean events per activity (calibrated by SimulatorRealismTest#volumeFollowsTheDayNightLowAndDaytimePeaks), to turn events/s into activities/s. */
    static final double EVENTS_PER_ACTIVITY = 3.25;
    /** Extra activity of an incident relative to the whole normal activity rate, at intensity 1. */
    private static double extraActivity(Incident.Effect e) {
        return e == Incident.Effect.COMPLAINT_WAVE ? 0.02 : 0.04;
    }
    private static final double ANONYMOUS_VISITS = 0.2;

    private final SimConfig config;
    private final SimContext ctx;
    private final WebSessions web;
    private final Contacts contacts;
    private final JourneyCast journeyCast;
    private final double[] incidentExtra;
    private final double headroom;
    private final double meanGapMs;
    private long nowMs;
    private double nextArrivalMs;

    public Simulator(SimConfig config) {
        this.config = config;
        SplittableRandom rng = new SplittableRandom(config.seed());
        Population pop = new Population(rng.split(), config.customers());
        long start = config.start().toEpochMilli();
        ctx = new SimContext(rng, pop, new Ids(config.seed()), new IncidentBoard(config.incidents(), start),
                new TextComposer(TextLibraryHolder.LIB));
        // the cast first: it takes its customers out of the random traffic before any of it is drawn
        journeyCast = config.journeys() ? new JourneyDirector(ctx, config.seed()).stage(start + config.journeysAt().toMillis())
                : JourneyCast.none();
        contacts = new Contacts(ctx);
        web = new WebSessions(ctx, contacts);
        incidentExtra = new double[ctx.board.size()];
        double sum = 0;
        for (int i = 0; i < incidentExtra.length; i++) sum += incidentExtra[i] = extraActivity(ctx.board.get(i).effect()) * ctx.board.get(i).intensity();
        headroom = sum;
        meanGapMs = 1000.0 * EVENTS_PER_ACTIVITY / (config.eventsPerSecond() * (1 + headroom));
        nowMs = start;
        nextArrivalMs = start + Dist.exponential(rng, meanGapMs);
    }

    public SimConfig config() {
        return config;
    }

    /** Who plays which scripted journey (empty when {@link SimConfig#journeys()} is off). */
    public JourneyCast journeyCast() {
        return journeyCast;
    }

    /** Emits all customer profiles to the sink (call once first); customers without a profile are left out on purpose. */
    public void emitProfiles(EventSink sink) {
        Population pop = ctx.pop;
        Instant at = config.start();
        for (int c = 0; c < pop.profiled; c++) sink.profile(pop.ids[c], pop.profile(c, at));
    }

    /** Generates the events of the next simulated interval [now, now+step) in time order into the sink; returns the new simulated time. */
    public Instant advance(Duration step, EventSink sink) {
        if (step.isNegative()) throw new IllegalArgumentException("step must be >= 0");
        long end = nowMs + step.toMillis();
        while (nextArrivalMs < end) {
            arrive((long) nextArrivalMs);
            nextArrivalMs += Dist.exponential(ctx.rng, meanGapMs);
        }
        ctx.timeline.drainBefore(end, sink);
        nowMs = end;
        return now();
    }

    public Instant now() {
        return Instant.ofEpochMilli(nowMs);
    }

    /** The incidents active at a simulated instant (for logging / the demo console). */
    public List<Incident> activeAt(Instant t) {
        return ctx.board.active(t.toEpochMilli());
    }

    /** Thinning: accept the candidate arrival as normal activity with probability diurnal/(1+headroom), else maybe as incident activity. */
    private void arrive(long t) {
        SplittableRandom r = ctx.rng;
        double diurnal = Diurnal.factor(t);
        double u = r.nextDouble() * (1 + headroom);
        if (u < diurnal) {
            normal(t, r);
            return;
        }
        if (u < 1.0 || headroom == 0) return;
        double v = (u - 1.0) / diurnal;
        int mask = ctx.board.mask(t);
        for (int i = 0; i < incidentExtra.length; i++) {
            if (v < incidentExtra[i]) {
                if ((mask & (1 << i)) != 0) incidentActivity(t, i, r);
                return;
            }
            v -= incidentExtra[i];
        }
    }

    private void normal(long t, SplittableRandom r) {
        int c = ctx.pop.pickActive(r);
        if (r.nextDouble() < ctx.pop.segment[c].contactShare) contacts.activity(t, c);
        else web.visit(t, r.nextDouble() < ANONYMOUS_VISITS ? -1 : c, null);
    }

    /** Extra activity caused by an incident: retries, searches for the missing product line, complaint contacts. */
    private void incidentActivity(long t, int i, SplittableRandom r) {
        Incident inc = ctx.board.get(i);
        int c = ctx.pop.pickIn(r, ctx.board.segmentOf(i));
        if (c < 0) return;
        int topic = Session.topicOf(inc.touchpoint());
        switch (inc.effect()) {
            case ERROR_SURGE -> {
                if (r.nextDouble() < 0.6) web.visit(t, c, inc.touchpoint().equals(Touchpoints.CHECKOUT)
                        ? WebSessions.Intent.CHECKOUT : WebSessions.Intent.ACCOUNT);
                else contacts.inbound(t, c, topic, angry(r), inc, r.nextDouble() < 0.6 ? InteractionKind.CHAT : Contacts.drawKind(r));
            }
            case ZERO_RESULTS -> {
                if (r.nextDouble() < 0.75) web.visit(t, c, WebSessions.Intent.SEARCH);
                else contacts.inbound(t, c, topic, angry(r), inc, r.nextBoolean() ? InteractionKind.CHAT : InteractionKind.VERBATIM);
            }
            case COMPLAINT_WAVE -> {
                if (r.nextDouble() < 0.25) web.visit(t, c, topic == 0 ? WebSessions.Intent.BILLING : WebSessions.Intent.ACCOUNT);
                ctx.pop.experience(c, -0.25);
                contacts.inbound(t, c, topic, angry(r), inc, Contacts.drawKind(r));
            }
        }
    }

    private static TextComposer.Tone angry(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.62 ? TextComposer.Tone.NEGATIVE : u < 0.82 ? TextComposer.Tone.CHURN
                : u < 0.92 ? TextComposer.Tone.MIXED : TextComposer.Tone.QUESTION;
    }

    /** Events generated so far (emitted or still pending). */
    long eventsGenerated() {
        return ctx.ids.eventsIssued();
    }
}
