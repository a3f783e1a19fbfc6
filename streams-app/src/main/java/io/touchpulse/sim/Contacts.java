package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Customer interactions: inbound calls, chats, e-mails, verbatims and social posts with wait, outcome, case, topic
 * and tags; post-contact CSAT surveys; relationship NPS surveys; outbound marketing e-mails and retention calls.
 * Tone, CSAT and NPS follow the customer's mood, so bad experiences show up in what customers say and score.
 */
final class Contacts {
    private static final String[] OUTCOME_BAD = {"resolved", "resolved", "resolved", "resolved", "unresolved", "unresolved",
            "transferred", "escalated", "escalated", "callback-promised", "callback-promised", "abandoned"};
    private static final String[] OUTCOME_OK = {"resolved", "resolved", "resolved", "resolved", "resolved", "resolved",
            "resolved", "resolved", "transferred", "callback-promised", "unresolved"};
    private static final String[][] BUSINESS_TOPICS = {
            {"invoice", "refund", "payment-date", "double-charge", "fee"}, {"payment", "order"}, {"password", "access"},
            {"find-product"}, {"app"}, {"device", "delivery", "coverage", "return"}, {"callback", "waiting"},
            {"price", "contract", "upgrade"}, {"marketing-email"}};
    private static final int TOPIC_BILLING = 0;
    private static final List<String> TAGS_MARKETING = List.of("marketing");
    private static final List<String> TAGS_RETENTION = List.of("retention", "outbound");

    /*
     * Journey hygiene of the background, so the journey rules (docs/journeys.md) find realistic numbers rather than
     * floods: most promised callbacks are made, marketing and retention outreach mostly skip customers with an open
     * case (suppression lists) and respect frequency caps (marketing once a day, retention once a week), and surveys
     * mostly skip customers surveyed within the last day (survey budgets). The simulated customers are far busier than
     * real ones (the demo needs volume from a few thousand customers), so without caps every customer would get
     * several marketing mails and surveys per hour.
     */
    private static final double CALLBACK_KEPT = 0.9, SUPPRESS_OUTREACH_OPEN_CASE = 0.85, SUPPRESS_SURVEY_RECENT = 0.8,
            SUPPRESS_OUTREACH_RECENT = 0.95;
    private static final long SURVEY_COOL_DOWN_MS = 12 * 3_600_000L, MARKETING_COOL_DOWN_MS = 24 * 3_600_000L,
            RETENTION_COOL_DOWN_MS = 7 * 24 * 3_600_000L;
    private static final long CALLBACK_CAP_MS = 20 * 3_600_000L;

    private final SimContext ctx;

    Contacts(SimContext ctx) {
        this.ctx = ctx;
    }

    /** The touchpoint an interaction is attributed to: the digital touchpoint it is about, else the channel's own. */
    static String touchpointFor(int topic, InteractionKind kind) {
        return switch (Segment.SUBJECTS[topic]) {
            case "billing" -> Touchpoints.BILLING;
            case "checkout" -> Touchpoints.CHECKOUT;
            case "login" -> Touchpoints.LOGIN;
            case "search" -> Touchpoints.SEARCH;
            case "app" -> Touchpoints.MOBILE_APP;
            default -> kind == InteractionKind.CALL ? Touchpoints.CALL_CENTER
                    : kind == InteractionKind.EMAIL ? Touchpoints.EMAIL : Touchpoints.SUPPORT_CHAT;
        };
    }

    /** A normal contact-type activity of customer c at time t. */
    void activity(long t, int c) {
        SplittableRandom r = ctx.rng;
        double u = r.nextDouble();
        if (u < 0.20) marketing(t, c);
        else if (u < 0.29) npsSurvey(t, c);
        else if (u < 0.31) retentionCall(t, c);
        else {
            Segment s = ctx.pop.segment[c];
            inbound(t, c, Dist.pickIndex(r, s.subjectCum), drawTone(c, r), null, drawKind(r));
        }
    }

    /**
     * One inbound interaction (plus maybe a CSAT survey later). {@code incident} non-null = caused by that incident:
     * incident phrasing, longer queues, lower CSAT.
     */
    void inbound(long t, int c, int topic, TextComposer.Tone tone, Incident incident, InteractionKind kind) {
        SplittableRandom r = ctx.rng;
        Population pop = ctx.pop;
        String tp = touchpointFor(topic, kind);
        if (incident == null && (tone == TextComposer.Tone.NEGATIVE || tone == TextComposer.Tone.CHURN || tone == TextComposer.Tone.MIXED))
            incident = ctx.board.find(ctx.board.mask(t), null, pop.visibleSegment(c), tp);
        boolean bad = tone == TextComposer.Tone.NEGATIVE || tone == TextComposer.Tone.CHURN || tone == TextComposer.Tone.MIXED;
        TextComposer.Style style = switch (kind) {
            case CALL -> TextComposer.Style.CALL;
            case EMAIL -> TextComposer.Style.EMAIL;
            case CHAT -> TextComposer.Style.CHAT;
            default -> TextComposer.Style.VERBATIM;
        };
        String text = ctx.texts.compose(style, topic, tone, incident != null, r);
        boolean conversation = kind == InteractionKind.CALL || kind == InteractionKind.CHAT;
        Integer wait = null, duration = null;
        String outcome = null, caseId = null;
        if (conversation || kind == InteractionKind.EMAIL) {
            double queue = incident != null ? 3.0 : 1.0;
            if (kind == InteractionKind.CALL) {
                wait = (int) Math.round(Dist.logNormal(r, 95 * queue, 0.9));
                duration = (int) Math.round(Dist.logNormal(r, bad ? 420 : 260, 0.6));
            } else if (kind == InteractionKind.CHAT) {
                wait = (int) Math.round(Dist.logNormal(r, 35 * queue, 0.8));
                duration = (int) Math.round(Dist.logNormal(r, bad ? 600 : 380, 0.6));
            }
            outcome = Dist.pick(r, bad ? OUTCOME_BAD : OUTCOME_OK);
            if (!conversation && outcome.equals("abandoned")) outcome = "unresolved";
            if (wait != null && wait > 600 && r.nextDouble() < 0.3) outcome = "abandoned";
            String open = pop.openCase[c];
            caseId = open != null && r.nextDouble() < (incident != null ? 0.6 : 0.35) ? open : ctx.ids.newCase();
            pop.openCase[c] = outcome.equals("resolved") ? null : caseId;
        }
        String[] topics = BUSINESS_TOPICS[topic];
        String businessTopic = incident != null && topic == TOPIC_BILLING ? "fee" : topics[r.nextInt(topics.length)];
        List<String> tags = tags(tone, outcome, businessTopic, r);
        pop.experience(c, bad ? -0.08 : tone == TextComposer.Tone.POSITIVE ? 0.04 : 0.0);
        pop.lastTouchpoint[c] = tp;
        String channel = switch (kind) {
            case CALL -> "phone";
            case CHAT -> "chat";
            case EMAIL -> "email";
            case SOCIAL -> "social";
            default -> tp.equals(Touchpoints.MOBILE_APP) || r.nextDouble() < 0.3 ? "app-review" : "web-feedback";
        };
        emit(t, c, kind, Direction.INBOUND, tp, channel, text, null, null, wait, duration, outcome, caseId, businessTopic, tags);
        long after = t + 1000L * (duration == null ? 0 : duration + (wait == null ? 0 : wait));
        if ("callback-promised".equals(outcome) && r.nextDouble() < CALLBACK_KEPT)
            callback(after + Math.min(CALLBACK_CAP_MS, (long) Dist.logNormal(r, 90 * 60_000, 0.8)), c, tp, caseId, businessTopic);
        if (conversation && r.nextDouble() < (incident != null ? 0.45 : 0.3)) {
            long at = after + (long) Dist.logNormal(r, 120_000, 0.5); // survey link sent right after the contact
            if (surveyAllowed(c, at, r)) csatSurvey(at, c, topic, tp, outcome, incident != null, caseId);
        }
    }

    /** The promised callback: an outbound call on the same case (which is what keeps a callback promise). */
    private void callback(long t, int c, String tp, String caseId, String topic) {
        SplittableRandom r = ctx.rng;
        emit(t, c, InteractionKind.CALL, Direction.OUTBOUND, tp, "phone", ctx.texts.callback(r), null, null, 0,
                (int) Math.round(Dist.logNormal(r, 240, 0.6)), r.nextDouble() < 0.75 ? "resolved" : "unresolved", caseId, topic, List.of());
    }

    /** Surveys mostly respect a one-day cool-down per customer; the ones that slip through are the realistic fatigue. */
    private boolean surveyAllowed(int c, long at, SplittableRandom r) {
        boolean recent = at - ctx.pop.lastSurveyMs[c] < SURVEY_COOL_DOWN_MS;
        if (recent && r.nextDouble() < SUPPRESS_SURVEY_RECENT) return false;
        ctx.pop.lastSurveyMs[c] = Math.max(ctx.pop.lastSurveyMs[c], at);
        return true;
    }

    /** Outreach mostly skips customers with an open case and those contacted the same way recently. */
    private boolean outreachAllowed(int c, long t, long[] last, long coolDownMs, SplittableRandom r) {
        if (ctx.pop.openCase[c] != null && r.nextDouble() < SUPPRESS_OUTREACH_OPEN_CASE) return false;
        if (t - last[c] < coolDownMs && r.nextDouble() < SUPPRESS_OUTREACH_RECENT) return false;
        last[c] = t;
        return true;
    }

    private void csatSurvey(long t, int c, int topic, String tp, String outcome, boolean incident, String caseId) {
        SplittableRandom r = ctx.rng;
        double m = ctx.pop.mood[c];
        double score = 3.7 + 1.2 * m + ("resolved".equals(outcome) ? 0.5 : -0.9) + (incident ? -1.2 : 0) + 0.7 * r.nextGaussian();
        int csat = Dist.clamp(Math.round(score), 1, 5);
        Integer nps = r.nextDouble() < 0.3 ? npsFor(m - (incident ? 0.5 : 0), r) : null;
        String text = null;
        if (r.nextDouble() < 0.4) {
            TextComposer.Tone tone = csat <= 2 ? (r.nextDouble() < 0.15 ? TextComposer.Tone.CHURN : TextComposer.Tone.NEGATIVE)
                    : csat == 3 ? (r.nextBoolean() ? TextComposer.Tone.MIXED : TextComposer.Tone.NEUTRAL) : TextComposer.Tone.POSITIVE;
            int about = tone == TextComposer.Tone.POSITIVE && r.nextBoolean() ? TextComposer.TOPIC_SUPPORT : topic;
            text = ctx.texts.compose(TextComposer.Style.VERBATIM, about, tone, incident, r);
        }
        emit(t, c, InteractionKind.SURVEY, Direction.INBOUND, tp, "survey", text, csat, nps, null, null, null, caseId,
                null, List.of("survey", "csat"));
    }

    /** Relationship NPS: how the customer feels overall, attributed to the touchpoint they used last. */
    void npsSurvey(long t, int c) {
        SplittableRandom r = ctx.rng;
        if (!surveyAllowed(c, t, r)) return;
        int nps = npsFor(ctx.pop.mood[c], r);
        String text = null;
        if (r.nextDouble() < 0.45) {
            TextComposer.Tone tone = nps <= 4 ? (r.nextDouble() < 0.25 ? TextComposer.Tone.CHURN : TextComposer.Tone.NEGATIVE)
                    : nps <= 7 ? TextComposer.Tone.MIXED : TextComposer.Tone.POSITIVE;
            text = ctx.texts.compose(TextComposer.Style.VERBATIM, Dist.pickIndex(r, ctx.pop.segment[c].subjectCum), tone, false, r);
        }
        emit(t, c, InteractionKind.SURVEY, Direction.INBOUND, ctx.pop.lastTouchpoint[c], "survey", text, null, nps,
                null, null, null, null, null, List.of("survey", "nps"));
    }

    void marketing(long t, int c) {
        if (!outreachAllowed(c, t, ctx.pop.lastMarketingMs, MARKETING_COOL_DOWN_MS, ctx.rng)) return;
        emit(t, c, InteractionKind.EMAIL, Direction.OUTBOUND, Touchpoints.EMAIL, "email", ctx.texts.marketing(ctx.rng),
                null, null, null, null, null, null, "offer", TAGS_MARKETING);
    }

    private void retentionCall(long t, int c) {
        SplittableRandom r = ctx.rng;
        if (!outreachAllowed(c, t, ctx.pop.lastRetentionMs, RETENTION_COOL_DOWN_MS, r)) return;
        String text = ctx.texts.compose(TextComposer.Style.CALL, TextComposer.indexOf("plan"), drawTone(c, r), false, r);
        emit(t, c, InteractionKind.CALL, Direction.OUTBOUND, Touchpoints.CALL_CENTER, "phone", text, null, null, 0,
                (int) Math.round(Dist.logNormal(r, 180, 0.6)), r.nextBoolean() ? "resolved" : "unresolved", null, "retention", TAGS_RETENTION);
    }

    TextComposer.Tone drawTone(int c, SplittableRandom r) {
        double m = ctx.pop.mood[c];
        double u = r.nextDouble();
        double pNeg = 0.20 - 0.14 * m, pChurn = 0.025 - 0.03 * Math.min(0, m) * 2, pPos = 0.16 + 0.12 * m;
        if ((u -= pChurn) < 0) return TextComposer.Tone.CHURN;
        if ((u -= pNeg) < 0) return TextComposer.Tone.NEGATIVE;
        if ((u -= 0.08) < 0) return TextComposer.Tone.MIXED;
        if ((u -= pPos) < 0) return TextComposer.Tone.POSITIVE;
        if ((u -= 0.36) < 0) return TextComposer.Tone.QUESTION;
        return TextComposer.Tone.NEUTRAL;
    }

    static InteractionKind drawKind(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.32) return InteractionKind.CALL;
        if (u < 0.68) return InteractionKind.CHAT;
        if (u < 0.84) return InteractionKind.EMAIL;
        if (u < 0.97) return InteractionKind.VERBATIM;
        return InteractionKind.SOCIAL;
    }

    static int npsFor(double mood, SplittableRandom r) {
        return Dist.clamp(Math.round(7.2 + 3.0 * mood + 1.7 * r.nextGaussian()), 0, 10);
    }

    private static List<String> tags(TextComposer.Tone tone, String outcome, String topic, SplittableRandom r) {
        boolean escalated = "escalated".equals(outcome);
        return switch (tone) {
            case CHURN -> escalated ? List.of("complaint", "retention", "escalation") : List.of("complaint", "retention");
            case NEGATIVE -> {
                if (escalated) yield List.of("complaint", "escalation");
                if ("resolved".equals(outcome) && topic.equals("fee") && r.nextDouble() < 0.35)
                    yield List.of("complaint", "promise:fee-waiver");
                yield r.nextDouble() < 0.8 ? List.of("complaint") : List.of();
            }
            case MIXED -> r.nextDouble() < 0.4 ? List.of("complaint") : List.of();
            case QUESTION -> List.of("question");
            case POSITIVE -> List.of("praise");
            default -> List.of();
        };
    }

    private void emit(long t, int c, InteractionKind kind, Direction dir, String tp, String channel, String text,
                      Integer csat, Integer nps, Integer wait, Integer duration, String outcome, String caseId,
                      String topic, List<String> tags) {
        String id = ctx.pop.ids[c];
        ctx.timeline.interaction(t, id, new Interaction(ctx.ids.event(), Instant.ofEpochMilli(t), id, kind, dir, tp,
                channel, text, csat, nps, wait, duration, outcome, caseId, topic, tags));
    }
}
