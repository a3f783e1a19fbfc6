package io.touchpulse.sim;

import io.touchpulse.schema.JourneyIssueType;

import java.util.List;

import static io.touchpulse.schema.InteractionKind.CALL;
import static io.touchpulse.schema.InteractionKind.CHAT;
import static io.touchpulse.schema.InteractionKind.EMAIL;
import static io.touchpulse.schema.InteractionKind.LETTER;
import static io.touchpulse.schema.InteractionKind.SMS;

/**
 * Near misses, three per {@link JourneyIssueType}: journeys that look like the pattern but lack the element that makes
 * it one (the promise is kept, one channel only, surveys within budget, two contacts not three, the complaint was
 * resolved first, the customer is new or never asked to cancel). A rule that flags these is too eager.
 */
final class ControlScripts {
    private ControlScripts() {
    }

    static List<Script> of(JourneyIssueType type) {
        return switch (type) {
            case BROKEN_PROMISE -> List.of(
                    // fee waived and the invoice shows it waived
                    new Script().in(60, CALL, "fee", "resolved", 1, "journey.fee.ask", "complaint", "promise:fee-waiver")
                            .out(540, LETTER, "fee", null, 0, "journey.fee.waived", "fulfilled:fee-waiver"),
                    // callback promised within 10 minutes and made after 5 (an outbound call fulfils it); thanks after the deadline
                    new Script().in(120, CALL, "refund", "callback-promised", 1, "journey.callback.ask", "complaint", "promise:callback", "due:+600")
                            .out(420, CALL, "refund", "resolved", 1, "journey.callback.done")
                            .in(960, CHAT, "refund", "resolved", 2, "journey.callback.thanks", "praise"),
                    // visit cancelled and confirmed by SMS; nobody comes
                    new Script().in(180, CALL, "appointment", "resolved", 1, "journey.visit.cancel", "promise:visit-cancelled")
                            .out(720, SMS, "appointment", null, 0, "journey.visit.cancelled.sms"));
            case UNCOORDINATED_CONTACT -> List.of(
                    // open case, but every outbound contact comes by e-mail, the last one resolves it
                    new Script().in(120, CHAT, "delivery", "unresolved", 1, "journey.unco.delivery", "complaint")
                            .out(360, EMAIL, "delivery", null, 1, "journey.unco.email.delivery")
                            .out(720, EMAIL, "delivery", "resolved", 1, "journey.unco.email.delivered"),
                    // several channels, but the only case was resolved in the first contact
                    new Script().in(180, CALL, "invoice", "resolved", 1, "journey.unco.invoice.ok", "question")
                            .out(480, EMAIL, "offer", null, 0, Script.MARKETING, "marketing")
                            .out(840, SMS, "invoice", null, 0, "journey.unco.sms.bill"),
                    // open case, one call back that resolves it
                    new Script().in(240, EMAIL, "payment", "transferred", 1, "journey.unco.payment", "complaint")
                            .out(720, CALL, "payment", "resolved", 1, "journey.unco.call.payment.fixed"));
            case SURVEY_FATIGUE -> List.of(
                    new Script().in(60, CHAT, "password", "resolved", 1, "journey.sf.password")
                            .csat(180, 5, 1, null)
                            .nps(540, 8, null),
                    new Script().in(120, CALL, "app", "resolved", 1, "journey.sf.app")
                            .csat(240, 4, 1, null),
                    // exactly the budget: three surveys, each after a real conversation or relationship survey
                    new Script().in(60, CALL, "order", "resolved", 1, "journey.sf.order").lasting(450)
                            .csat(180, 4, 1, null)
                            .in(420, CHAT, "delivery", "resolved", 2, "journey.sf.delivery").lasting(360)
                            .csat(540, 5, 2, null)
                            .nps(840, 9, null));
            case REPEAT_CONTACT -> List.of(
                    new Script().in(60, CALL, "password", "unresolved", 1, "journey.rc.password", "complaint")
                            .in(420, CHAT, "password", "resolved", 1, "journey.rc.again.fixed"),
                    new Script().in(120, CHAT, "delivery", "resolved", 1, "journey.rc.delivery")
                            .in(480, CALL, "delivery", "resolved", 2, "journey.rc.again", "complaint"),
                    // two contacts on the invoice, a third about something else
                    new Script().in(180, CALL, "invoice", "transferred", 1, "journey.rc.invoice", "complaint")
                            .in(420, CALL, "invoice", "resolved", 1, "journey.rc.again.fixed")
                            .in(720, CHAT, "password", "resolved", 2, "journey.rc.other", "question"));
            case TONE_DEAF_OUTREACH -> List.of(
                    // retention call after the complaint was resolved
                    new Script().in(120, EMAIL, "refund", "unresolved", 1, "journey.td.refund", "complaint")
                            .in(360, CHAT, "refund", "resolved", 1, "journey.td.thanks", "praise")
                            .out(600, CALL, "retention", null, 0, "journey.td.retention.call", "retention"),
                    new Script().in(180, CALL, "fee", "escalated", 1, "journey.td.fee", "complaint", "escalation")
                            .in(420, CALL, "fee", "resolved", 1, "journey.td.thanks", "praise")
                            .out(720, EMAIL, "renewal", null, 0, "journey.td.renewal.email", "renewal"),
                    // complaint resolved in the first contact
                    new Script().in(240, CHAT, "coverage", "resolved", 1, "journey.td.coverage", "complaint")
                            .out(780, SMS, "loyalty", null, 0, "journey.td.loyalty.sms", "loyalty"));
            case LOYALTY_PENALTY -> List.of(
                    // a new customer (tenure <= 3 months) asks about the new-customer offer
                    new Script().in(120, CHAT, "offer", "resolved", 1, "journey.lp.new.ask", "question", "offer:new-customer"),
                    // a long-standing customer gets a loyalty offer without ever asking to cancel
                    new Script().out(300, EMAIL, "loyalty", null, 0, "journey.lp.thanks.email", "loyalty", "offer:retention"),
                    new Script().in(240, CALL, "upgrade", "resolved", 1, "journey.lp.upgrade", "question", "offer:retention"));
        };
    }

    /** Which control variants need a new customer rather than a long-standing one (LOYALTY_PENALTY only). */
    static boolean wantsNewCustomer(JourneyIssueType type, int variant) {
        return type == JourneyIssueType.LOYALTY_PENALTY && variant == 0;
    }
}
