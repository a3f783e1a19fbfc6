package io.touchpulse.text;

import java.util.List;
import java.util.Locale;

/**
 * "Can't help with that" replies in a transcript. Transcripts carry both sides of a conversation,
 * so the agent's (or bot's) admission that it has no answer is in the text itself; this is the
 * cheapest evidence that a customer's question went unanswered.
 */
public final class NoAnswerCues {
    /** Lower-case, straight apostrophes; matched as substrings of the normalised text. */
    static final List<String> PHRASES = List.of(
            "can't help with that", "cannot help with that", "can not help with that",
            "can't help you with", "cannot help you with", "can not help you with",
            "not something i can help", "i don't know", "i do not know",
            "you'll have to ask", "you will have to ask", "i'm not able to answer", "i am not able to answer",
            "unable to answer", "no one could tell me", "nobody could tell me", "nobody could answer", "no one could answer");

    private NoAnswerCues() {}

    /** Whether the text contains a reply that admits there is no answer. */
    public static boolean in(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String t = normalise(text);
        for (String p : PHRASES) {
            if (t.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, typographic apostrophes made straight, runs of whitespace made one space. */
    private static String normalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018' || c == '`') {
                c = '\'';
            }
            if (Character.isWhitespace(c)) {
                if (!space) {
                    b.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            b.append(Character.toLowerCase(c));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
