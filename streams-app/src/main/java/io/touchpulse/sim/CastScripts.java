package io.touchpulse.sim;

import io.touchpulse.schema.JourneyIssueType;

import java.util.List;

import static io.touchpulse.schema.InteractionKind.CALL;
import static io.touchpulse.schema.InteractionKind.CHAT;
import static io.touchpulse.schema.InteractionKind.EMAIL;
import static io.touchpulse.schema.InteractionKind.LETTER;
import static io.touchpulse.schema.InteractionKind.SMS;
import static io.touchpulse.schema.InteractionKind.SOCIAL;
import static io.touchpulse.schema.InteractionKind.VERBATIM;
import static io.touchpulse.schema.InteractionKind.VISIT;

/**
 * The journeys that go wrong: three variants per {@link JourneyIssueType}, each showing its pattern in the vocabulary
 * of docs/journeys.md and nothing else (no second pattern by accident: at most two inbound contacts per topic outside
 * REPEAT_CONTACT, no outbound contact during an open case outside UNCOORDINATED_CONTACT, no retention outreach after a
 * complaint outside TONE_DEAF_OUTREACH). Every step lies within {@link #SPAN_SEC} of the customer's start.
 */
final class CastScripts {
    /** Last step of any script, cast or control, so a cohort plays out within its first ~20 minutes. */
    static final int SPAN_SEC = 17 * 60;

    private CastScripts() {
    }

    static List<Script> of(JourneyIssueType type) {
        return switch (type) {
            case BROKEN_PROMISE -> List.of(
                    // fee waived on the phone, then charged on the next invoice
                    new Script().in(60, CALL, "fee", "resolved", 1, "journey.fee.ask", "complaint", "promise:fee-waiver")
                            .out(540, LETTER, "fee", null, 0, "journey.fee.invoice", "charged:fee")
                            .in(780, CHAT, "fee", "escalated", 2, "journey.fee.broken", "complaint", "escalation"),
                    // callback promised within 10 minutes; nobody calls; the customer chases after the deadline
                    new Script().in(120, CALL, "refund", "callback-promised", 1, "journey.callback.ask", "complaint", "promise:callback", "due:+600")
                            .in(960, CHAT, "refund", "unresolved", 1, "journey.callback.broken", "complaint"),
                    // visit cancelled, the technician comes anyway
                    new Script().in(180, CALL, "appointment", "resolved", 1, "journey.visit.cancel", "promise:visit-cancelled")
                            .out(720, VISIT, "appointment", null, 0, "journey.visit.arrives")
                            .in(900, CALL, "appointment", "escalated", 2, "journey.visit.broken", "complaint", "escalation"));
            case UNCOORDINATED_CONTACT -> List.of(
                    // open delivery complaint: a marketing e-mail and a service SMS
                    new Script().in(120, CHAT, "delivery", "unresolved", 1, "journey.unco.delivery", "complaint")
                            .out(360, EMAIL, "offer", null, 0, Script.MARKETING, "marketing")
                            .out(600, SMS, "delivery", null, 1, "journey.unco.sms.delivery"),
                    // escalated invoice case: a call, a marketing SMS and a case e-mail
                    new Script().in(180, CALL, "invoice", "escalated", 1, "journey.unco.invoice", "complaint", "escalation")
                            .out(480, CALL, "invoice", "unresolved", 1, "journey.unco.call.invoice")
                            .out(660, SMS, "offer", null, 0, Script.MARKETING, "marketing")
                            .out(840, EMAIL, "invoice", null, 1, "journey.unco.email.invoice"),
                    // open payment case: an SMS, then a call from another team
                    new Script().in(240, EMAIL, "payment", "transferred", 1, "journey.unco.payment", "complaint")
                            .out(540, SMS, "payment", null, 1, "journey.unco.sms.payment")
                            .out(720, CALL, "payment", "unresolved", 1, "journey.unco.call.payment"));
            case SURVEY_FATIGUE -> List.of(
                    // four surveys within twelve minutes (budget: 3 per 30 days)
                    new Script().in(60, CHAT, "password", "resolved", 1, "journey.sf.password")
                            .csat(180, 4, 1, null)
                            .in(300, CALL, "app", "resolved", 2, "journey.sf.app")
                            .csat(420, 3, 2, null)
                            .nps(540, 6, null)
                            .nps(720, 3, "journey.sf.tired"),
                    // a survey after a chat tagged trivial
                    new Script().in(120, CHAT, "password", "resolved", 1, "journey.sf.trivial", "question", "trivial").lasting(25)
                            .csat(240, 2, 1, "journey.sf.whysurvey"),
                    // a survey after a 40-second call (trivial by duration only)
                    new Script().in(180, CALL, "order", "resolved", 1, "journey.sf.quick", "question").lasting(40)
                            .csat(300, 3, 1, "journey.sf.whysurvey"));
            case REPEAT_CONTACT -> List.of(
                    // one case, three inbound contacts on three channels
                    new Script().in(60, CALL, "password", "unresolved", 1, "journey.rc.password", "complaint")
                            .in(420, CHAT, "password", "unresolved", 1, "journey.rc.again", "complaint")
                            .in(780, EMAIL, "password", "unresolved", 1, "journey.rc.third", "complaint"),
                    // one topic, three separate cases
                    new Script().in(120, CHAT, "delivery", "resolved", 1, "journey.rc.delivery")
                            .in(480, CALL, "delivery", "resolved", 2, "journey.rc.again", "complaint")
                            .in(900, CHAT, "delivery", "unresolved", 3, "journey.rc.third", "complaint"),
                    // two calls on one case, then a public post about the same topic
                    new Script().in(180, CALL, "invoice", "transferred", 1, "journey.rc.invoice", "complaint")
                            .in(420, CALL, "invoice", "transferred", 1, "journey.rc.again", "complaint")
                            .in(720, SOCIAL, "invoice", null, 0, "journey.rc.social", "complaint"));
            case TONE_DEAF_OUTREACH -> List.of(
                    new Script().in(120, EMAIL, "refund", "unresolved", 1, "journey.td.refund", "complaint")
                            .out(540, CALL, "retention", null, 0, "journey.td.retention.call", "retention"),
                    new Script().in(180, CALL, "fee", "escalated", 1, "journey.td.fee", "complaint", "escalation")
                            .out(600, EMAIL, "renewal", null, 0, "journey.td.renewal.email", "renewal"),
                    new Script().in(240, CHAT, "coverage", "unresolved", 1, "journey.td.coverage", "complaint")
                            .out(780, SMS, "loyalty", null, 0, "journey.td.loyalty.sms", "loyalty"));
            case LOYALTY_PENALTY -> List.of(
                    // a long-standing customer asks for the new-customer price (text cue only), then says so in a review
                    new Script().in(120, CHAT, "price", "unresolved", 1, "journey.lp.ask", "question")
                            .in(600, VERBATIM, "price", null, 0, "journey.lp.review", "complaint"),
                    // asks for the new-customer offer and is refused it
                    new Script().in(180, CALL, "offer", "refused", 1, "journey.lp.refused", "offer:new-customer"),
                    // gets a retention offer only after asking to cancel
                    new Script().in(240, CALL, "retention", "transferred", 1, "journey.lp.cancel", "retention")
                            .out(600, CALL, "retention", "resolved", 1, "journey.lp.saved", "retention", "offer:retention"));
        };
    }
}
