package io.touchpulse.journey;

import io.touchpulse.text.CuePhrases;

import java.util.Set;

/**
 * Reads the text cues the journey rules need (data in {@code /journey/cues.tsv}): product ideas and workarounds, and
 * loyal customers asking for what new customers get. Two-part cues ("I had to … manually", "loyal customers … pay
 * more") match when both parts occur anywhere in the text.
 */
final class JourneyCues {
    private static final CuePhrases CUES = CuePhrases.load("/journey/cues.tsv");

    /** What the text shows: an idea or workaround, and/or a new-customer-offer request. */
    record Found(boolean idea, boolean newCustomerOffer) {
        static final Found NONE = new Found(false, false);
    }

    private JourneyCues() {}

    static Found find(String text) {
        Set<String> labels = CUES.find(text);
        if (labels.isEmpty()) {
            return Found.NONE;
        }
        boolean idea = labels.contains("idea") || (labels.contains("had-to") && labels.contains("manual"));
        boolean offer = labels.contains("new-offer") || (labels.contains("loyal") && labels.contains("penalty"));
        return new Found(idea, offer);
    }

    /**
     * The sentence that carries the idea ("My workaround is to copy every invoice by hand."), so the idea board groups
     * and shows the idea, not the service request or small talk around it; the whole text when no one sentence does.
     */
    static String ideaSentence(String text) {
        for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
            if (find(sentence).idea()) {
                return sentence.strip();
            }
        }
        return text;
    }
}
