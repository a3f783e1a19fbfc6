package io.touchpulse.journey;

import io.touchpulse.text.Terms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of an idea mention that say what the idea is: "I wish I could export my statements to CSV" is about
 * {@code export, statement, csv}, not about wishing. Stop words are already gone from the mention's terms; this drops
 * the words every request shares (wish, please, add, app, would be great...), folds plurals and -ing forms so
 * "statements" meets "statement" and "exporting" meets "export", and keeps two-word phrases of informative words.
 */
public final class IdeaTerms {
    /** Words of the request itself, not of its subject. */
    static final Set<String> GENERIC = Set.of("app", "apps", "please", "pls", "wish", "would", "could", "should", "great",
            "nice", "good", "cool", "awesome", "love", "like", "want", "wanted", "need", "needs", "add", "added", "adding",
            "able", "ability", "allow", "allowed", "let", "lets", "make", "made", "way", "ways", "feature", "features",
            "option", "options", "possible", "possibility", "idea", "suggest", "suggestion", "request", "hope", "maybe",
            "really", "much", "thing", "things", "something", "anything", "use", "using", "new", "also", "guys", "team",
            "one", "time", "day", "well", "even", "more", "less", "lot", "lots", "bit", "every", "always", "never",
            "help", "helpful", "useful", "easy", "easier", "better", "best", "support", "see", "know", "think", "thanks",
            "thank", "kind", "sort", "etc", "someday", "soon", "already", "yet", "ok", "okay", "yes", "hey", "dear");

    private IdeaTerms() {}

    /** Informative words then informative two-word phrases, normalised, in order, without duplicates. */
    public static List<String> of(List<String> terms, String text) {
        List<String> source = terms == null || terms.isEmpty() ? Terms.of(text) : terms;
        Set<String> words = new LinkedHashSet<>();
        Set<String> phrases = new LinkedHashSet<>();
        for (String t : source) {
            if (t == null || t.isBlank()) {
                continue;
            }
            String[] parts = t.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
            if (parts.length == 1) {
                String w = stem(parts[0]);
                if (informative(w)) {
                    words.add(w);
                }
            } else if (parts.length == 2) {
                String a = stem(parts[0]);
                String b = stem(parts[1]);
                if (informative(a) && informative(b) && !a.equals(b)) {
                    phrases.add(a + " " + b);
                }
            }
        }
        List<String> out = new ArrayList<>(words);
        out.addAll(phrases);
        return out;
    }

    static boolean isPhrase(String term) {
        return term.indexOf(' ') > 0;
    }

    private static boolean informative(String w) {
        return w.length() >= 2 && !GENERIC.contains(w) && Character.isLetterOrDigit(w.charAt(0));
    }

    /** Plural and -ing folded, conservatively: "statements" → "statement", "exporting" → "export", "address" stays. */
    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
