package io.touchpulse.journey;

import io.touchpulse.schema.Signal;
import io.touchpulse.text.PiiRedactor;
import io.touchpulse.text.Terms;

import java.util.List;

/**
 * Turns a customer's own text into an {@link IdeaMention} when it is a product idea: an idea cue ("I wish", "please
 * add", "workaround", "I had to … manually"...). A request intent alone is not enough: "I want to switch to paperless
 * billing" or "can I return the tablet?" is a service request for an agent, not an idea for a product team (in the
 * demo the request intent filled the feed with them).
 *
 * <p>Weight = 1 + ln(1 + interactions in 90 d) + min(tenure, 60 months) / 24 + ln(1 + lifetime value / 1000):
 * a first-time anonymous-ish customer weighs 1, an engaged five-year customer with 5 contacts and a 5,000 value
 * weighs about 6. Logs keep one very active or very valuable customer from drowning everyone else.
 */
final class IdeaDetector {
    private static final long ENGAGEMENT_WINDOW = 90 * Journeys.DAY;

    private IdeaDetector() {}

    static IdeaMention detect(Observation o, boolean ideaCue) {
        Signal s = o.signal;
        Touch t = o.touch;
        if (!s.getHasText() || t.has(Touch.OUTBOUND)) {
            return null;
        }
        if (!ideaCue) {
            return null;
        }
        String sentence = JourneyCues.ideaSentence(s.getText());
        List<String> terms = sentence.equals(s.getText()) ? List.copyOf(s.getTerms()) : Terms.of(PiiRedactor.withoutPlaceholders(sentence));
        return new IdeaMention(t.eventId(), o.state.customerId, o.state.segment, t.touchpoint(), t.ts(), sentence, terms,
                weight(o.state, o.now));
    }

    static double weight(CustomerState s, long now) {
        int contacts = 0;
        for (Touch r : s.recent) {
            if (r.ts() > now - ENGAGEMENT_WINDOW && r.ts() <= now) {
                contacts++;
            }
        }
        double tenure = Math.min(Math.max(s.tenureMonths, 0), 60) / 24.0;
        double value = Math.log1p(Math.max(0, s.lifetimeValue) / 1000.0);
        return 1 + Math.log1p(contacts) + tenure + value;
    }
}
