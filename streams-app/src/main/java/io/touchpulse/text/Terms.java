package io.touchpulse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Normalised terms of a text or search query: lower-case words without stop words, numbers
 * or one-letter noise, in order. They feed the "top negative terms" of a touchpoint's health.
 */
public final class Terms {
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "if", "then", "so", "to", "of",
            "in", "on", "at", "for", "with", "by", "from", "is", "are", "was", "were", "be", "been", "am", "it", "its",
            "it's", "this", "that", "these", "those", "i", "i'm", "i've", "me", "my", "you", "your", "we", "our", "us",
            "they", "them", "their", "he", "she", "his", "her", "do", "does", "did", "have", "has", "had", "not", "no",
            "can", "could", "would", "should", "will", "just", "very", "really", "what", "why", "how", "when", "where",
            "there", "here", "all", "any", "some", "again", "still", "get", "got", "as", "about", "up", "out", "now",
            "than", "too", "also", "only", "please", "hi", "hello", "thanks", "don't", "can't", "im", "dont", "cant");
    private static final int MAX_TERMS = 12;
    private static final int MAX_PHRASES = 6;

    private Terms() {}

    private static int digits(String w) {
        int n = 0;
        for (int i = 0; i < w.length(); i++) {
            if (Character.isDigit(w.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Words, then two-word phrases of adjacent kept words within one clause ("promo code",
     * "nova x"): a phrase says what failed more precisely than either word.
     */
    public static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>(4);
        List<String> phrases = new ArrayList<>(2);
        String previous = null;
        for (Tokens.Token t : Tokens.split(text)) {
            String w = t.lower();
            if (!keep(w)) {
                previous = null;
                continue;
            }
            if (words.size() < MAX_TERMS && !words.contains(w)) {
                words.add(w);
            }
            if (previous != null && phrases.size() < MAX_PHRASES) {
                String phrase = previous + " " + w;
                if (!phrases.contains(phrase)) {
                    phrases.add(phrase);
                }
            }
            previous = t.clauseEnd() ? null : w;
        }
        words.addAll(phrases);
        return words;
    }

    /** Terms leave the app (health records, API): no stop words, redaction placeholders, addresses or id-like tokens. */
    private static boolean keep(String w) {
        return w.length() >= 2 && w.length() <= 30 && !STOP.contains(w) && Character.isLetter(w.charAt(0))
                && w.indexOf('@') < 0 && digits(w) <= 3;
    }
}
