package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssueType;

import java.util.List;

/**
 * LOYALTY_PENALTY: a customer of at least {@code journey.loyal-tenure-months} asks for a new-customer offer (text
 * cue or {@code offer:new-customer}), is refused it (that tag with outcome refused/declined), or gets a retention
 * offer ({@code offer:retention}) only after saying they would leave. Once per request: a refusal or a second ask
 * within the offer window belongs to the same request. Customers without a profile are never judged loyal.
 */
final class LoyaltyRule {
    private static final long NO_OFFER_BEFORE = 90 * Journeys.DAY;

    private LoyaltyRule() {}

    static void apply(Observation o, boolean askedInText) {
        CustomerState s = o.state;
        List<String> tags = o.tags();
        boolean retentionOffer = tags.contains("offer:retention");
        long offerBefore = s.lastOfferAt;
        if (retentionOffer) {
            s.lastOfferAt = o.now;
        }
        if (s.tenureMonths < o.config.loyalTenureMonths()) {
            return;
        }
        long window = o.config.offerWindow().toMillis();
        boolean sameRequest = s.loyaltyIssueAt != CustomerState.NEVER && o.now - s.loyaltyIssueAt < window;
        String outcome = o.signal.getOutcome();
        boolean discussed = tags.contains("offer:new-customer");
        boolean refused = discussed && ("refused".equals(outcome) || "declined".equals(outcome));
        boolean asked = !o.touch.has(Touch.OUTBOUND) && (askedInText || discussed);
        if ((asked || refused) && !sameRequest) {
            String years = tenure(s.tenureMonths);
            s.loyaltyIssueAt = o.now;
            String summary = refused
                    ? "A customer of " + years + " was refused the offer new customers get."
                    : "A customer of " + years + " asked for the offer new customers get.";
            String action = "Offer this customer of " + years + " the new-customer price (or an equal loyalty discount)"
                    + " and tell them; review why existing customers pay more" + (o.touch.topic() == null ? "." : " for " + o.touch.topic() + ".");
            o.raise(JourneyIssueType.LOYALTY_PENALTY, o.touch.eventId(), summary, action,
                    List.of(o.touch.evidence(refused ? "refusal" : "request")), o.touch.touchpoint(), o.touch.topic());
            return;
        }
        boolean afterChurn = s.churnAt != CustomerState.NEVER && o.now >= s.churnAt && o.now - s.churnAt <= window;
        boolean firstOffer = offerBefore == CustomerState.NEVER || offerBefore < s.churnAt - NO_OFFER_BEFORE;
        if (retentionOffer && afterChurn && firstOffer && s.churnTouch != null && !sameRequest) {
            String years = tenure(s.tenureMonths);
            s.loyaltyIssueAt = o.now;
            String summary = "A customer of " + years + " got a retention offer on " + Journeys.day(o.now)
                    + " only after saying on " + Journeys.day(s.churnAt) + " they would leave.";
            String action = "Review this customer's price against the retention offer and offer loyal customers like"
                    + " them the same terms before they threaten to leave.";
            List<JourneyEvidence> evidence = List.of(s.churnTouch.evidence("churn-intent"), o.touch.evidence("offer"));
            o.raise(JourneyIssueType.LOYALTY_PENALTY, s.churnTouch.eventId(), summary, action, evidence,
                    o.touch.touchpoint(), o.touch.topic());
        }
    }

    static String tenure(int months) {
        return months >= 24 && months % 12 == 0 ? months / 12 + " years"
                : months >= 24 ? String.format(java.util.Locale.ROOT, "%.1f years", months / 12.0)
                : Journeys.plural(months, "month", "months");
    }
}
