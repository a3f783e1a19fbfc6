package io.touchpulse.text;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First-version lexicon and rules sentiment scorer in the VADER family: valences from a
 * customer-experience lexicon (phrases first), boosters and dampeners, negation within three
 * content words, capitals for emphasis, "but" shifting weight to the later clause, and exclamation
 * marks. Thread-safe and allocation-light; the lexicons load once.
 */
public final class SentimentScorer {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither",
            "nor", "cannot", "can't", "cant", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt",
            "wasn't", "wasnt", "aren't", "arent", "won't", "wont", "wouldn't", "shouldn't", "haven't", "hasn't", "without");
    private static final double NEGATION_SCALAR = -0.74;
    private static final int MAX_NEGATION_REACH = 6;
    private static final Set<String> NEGATION_TRANSPARENT = Set.of("i", "you", "we", "they", "it", "he", "she", "me", "us",
            "them", "be", "been", "being", "is", "are", "was", "were", "will", "would", "a", "an", "the", "to",
            "think", "believe", "expect", "feel", "seem", "seems", "make", "makes", "look", "looks", "get", "gets");
    private static final double CAPS_INCREMENT = 0.733;
    private static final double ALPHA = 15;
    private static final int MAX_PHRASE = 5;
    private static final double ELONGATION_INCREMENT = 0.293;
    private static final double CONTRAST_REVERSAL = 1.5;
    private static final double STRONG_NEGATIVE = -2.0;
    private static final double PRAISE_BESIDE_FAILURE = 0.3;

    private static final SentimentScorer DEFAULT = new SentimentScorer(standardLexicon(), Lexicons.load("/text/boosters.tsv"));

    /** VADER's general lexicon as the base, overlaid by our customer-experience lexicon where they differ. */
    private static Map<String, Double> standardLexicon() {
        Map<String, Double> m = new java.util.HashMap<>(Lexicons.load("/text/vader-lexicon.tsv"));
        // VADER's chat-slang numbers (182 "I hate you", 187, 143...) are order ids and day counts in customer text
        m.keySet().removeIf(k -> k.chars().allMatch(Character::isDigit));
        m.putAll(Lexicons.load("/text/sentiment-lexicon.tsv"));
        return m;
    }

    private final Map<String, Double> valence;
    private final Map<String, Double> boosters;
    /** Longest lexicon phrase (in words) starting with each word; most words start none, so most tokens cost one lookup. */
    private final Map<String, Integer> phraseLength;

    public SentimentScorer(Map<String, Double> valence, Map<String, Double> boosters) {
        // HashMap over Map.copyOf: the lexicon is probed for every token, and HashMap's lookups are faster
        this.valence = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(valence));
        this.boosters = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(boosters));
        Map<String, Integer> lengths = new java.util.HashMap<>();
        valence.keySet().forEach(k -> {
            String[] words = k.split(" ");
            if (words.length > 1) {
                lengths.merge(words[0], Math.min(words.length, MAX_PHRASE), Math::max);
            }
        });
        this.phraseLength = lengths;
    }

    public static SentimentScorer standard() {
        return DEFAULT;
    }

    public Sentiment score(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.NONE;
        }
        List<Tokens.Token> tokens = Tokens.split(text);
        boolean[] elongated = normaliseElongation(tokens);
        boolean allCaps = tokens.stream().allMatch(Tokens.Token::shouted);
        double[] scores = new double[tokens.size()];
        int butAt = -1;
        int concessionFrom = -1;
        int concessionTo = -1;
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).lower();
            if (butAt < 0 && (w.equals("but") || w.equals("however") || w.equals("yet"))) {
                butAt = i;
            }
            if (concessionFrom < 0 && (w.equals("although") || w.equals("though") || w.equals("despite"))) {
                // "Although the flight was delayed, the crew were great": the conceded clause counts less
                concessionFrom = i;
                concessionTo = clauseEnd(tokens, i);
            }
            int len = longestPhrase(tokens, i);
            if (len == 0) {
                continue;
            }
            double v = valence.get(join(tokens, i, len));
            if (len == 1 && tokens.get(i).shouted() && !allCaps) {
                v += Math.signum(v) * CAPS_INCREMENT;
            }
            if (len == 1 && elongated[i]) {
                v += Math.signum(v) * ELONGATION_INCREMENT;
            }
            v = applyBoosters(tokens, i, v);
            if (!tokens.get(i).emoji() && negated(tokens, i)) {
                v *= NEGATION_SCALAR;
            }
            scores[i] = v;
            i += len - 1;
        }
        if (butAt >= 0) {
            double before = 0;
            double after = 0;
            for (int i = 0; i < scores.length; i++) {
                if (i < butAt) {
                    before += scores[i];
                } else {
                    after += scores[i];
                }
                scores[i] *= i < butAt ? 0.5 : 1.5;
            }
            // "Looks great but the battery dies by lunchtime": a contrast whose later clause has no
            // sentiment words still turns against the earlier one
            if (after == 0 && before != 0 && butAt < scores.length - 2) {
                scores[butAt] = -Math.signum(before) * CONTRAST_REVERSAL;
            }
        }
        for (int i = concessionFrom; i >= 0 && i <= concessionTo; i++) {
            scores[i] *= 0.5;
        }
        if (butAt < 0 && concessionFrom < 0) {
            discountPraiseBesideFailure(scores);
        }
        return combine(scores, emphasis(text));
    }

    /**
     * "sooo slooow", "loooove": a letter repeated three or more times is emphasis. Such a token is
     * replaced by the first collapsed form the lexicons know (runs to two letters, then to one),
     * and marked so its valence gets a boost.
     */
    private boolean[] normaliseElongation(List<Tokens.Token> tokens) {
        boolean[] elongated = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token t = tokens.get(i);
            String w = t.lower();
            if (valence.containsKey(w) || boosters.containsKey(w) || !hasRun(w, 3)) {
                continue;
            }
            for (String candidate : new String[] {collapse(w, 2), collapse(w, 1)}) {
                if (valence.containsKey(candidate) || boosters.containsKey(candidate) || NEGATIONS.contains(candidate)) {
                    tokens.set(i, new Tokens.Token(candidate, t.original(), t.clauseEnd()));
                    elongated[i] = true;
                    break;
                }
            }
        }
        return elongated;
    }

    private static boolean hasRun(String w, int n) {
        int run = 1;
        for (int i = 1; i < w.length(); i++) {
            run = w.charAt(i) == w.charAt(i - 1) ? run + 1 : 1;
            if (run >= n) {
                return true;
            }
        }
        return false;
    }

    /** Shortens every run of the same character to at most {@code max}. */
    private static String collapse(String w, int max) {
        StringBuilder sb = new StringBuilder(w.length());
        int run = 0;
        for (int i = 0; i < w.length(); i++) {
            run = i > 0 && w.charAt(i) == w.charAt(i - 1) ? run + 1 : 1;
            if (run <= max) {
                sb.append(w.charAt(i));
            }
        }
        return sb.toString();
    }

    /**
     * "Fantastic, charged twice again. Well done." Praise next to a clear failure, with no contrast
     * word to separate them, is usually sarcasm or faint politeness: customers lead with the failure's
     * weight. Positive scores then count for little.
     */
    private static void discountPraiseBesideFailure(double[] scores) {
        boolean failure = false;
        for (double v : scores) {
            failure |= v <= STRONG_NEGATIVE;
        }
        if (!failure) {
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                scores[i] *= PRAISE_BESIDE_FAILURE;
            }
        }
    }

    private static int clauseEnd(List<Tokens.Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).clauseEnd()) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private int longestPhrase(List<Tokens.Token> tokens, int i) {
        Integer longest = phraseLength.get(tokens.get(i).lower());
        for (int len = longest == null ? 1 : Math.min(longest, tokens.size() - i); len >= 1; len--) {
            if (valence.containsKey(join(tokens, i, len))) {
                return len;
            }
        }
        return 0;
    }

    private static String join(List<Tokens.Token> tokens, int from, int len) {
        if (len == 1) {
            return tokens.get(from).lower();
        }
        StringBuilder sb = new StringBuilder(tokens.get(from).lower());
        for (int k = 1; k < len; k++) {
            sb.append(' ').append(tokens.get(from + k).lower());
        }
        return sb.toString();
    }

    private double applyBoosters(List<Tokens.Token> tokens, int i, double v) {
        for (int back = 1; back <= 3 && i - back >= 0; back++) {
            Double b = boosters.get(tokens.get(i - back).lower());
            if (b != null) {
                double scaled = b * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                v += Math.signum(v) * scaled;
            }
        }
        return v;
    }

    /**
     * A negation up to three words back negates; pronouns, auxiliaries and raising verbs between do not
     * count towards the three ("doesn't make you look cool", "I don't think you will be disappointed").
     */
    private static boolean negated(List<Tokens.Token> tokens, int i) {
        int words = 0;
        for (int back = 1; words < 3 && back <= MAX_NEGATION_REACH && i - back >= 0; back++) {
            if (tokens.get(i - back).clauseEnd()) {
                return false; // "No queue, no fuss, just good service": the negation ended with its clause
            }
            String w = tokens.get(i - back).lower();
            if (NEGATIONS.contains(w) || w.endsWith("n't")) {
                return true;
            }
            if (!NEGATION_TRANSPARENT.contains(w)) {
                words++;
            }
        }
        return false;
    }

    /** Exclamation and question marks add emphasis in the direction of the text. */
    private static double emphasis(String text) {
        int bangs = 0;
        for (int i = 0; i < text.length() && bangs < 4; i++) {
            if (text.charAt(i) == '!') {
                bangs++;
            }
        }
        return bangs * 0.292;
    }

    private static Sentiment combine(double[] scores, double emphasis) {
        double sum = 0;
        double pos = 0;
        double neg = 0;
        int neutral = 0;
        for (double s : scores) {
            sum += s;
            if (s > 0) {
                pos += s + 1;
            } else if (s < 0) {
                neg += s - 1;
            } else {
                neutral++;
            }
        }
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = sum / Math.sqrt(sum * sum + ALPHA);
        compound = Math.max(-1, Math.min(1, compound));
        double total = pos + Math.abs(neg) + neutral;
        if (total == 0) {
            return Sentiment.NONE;
        }
        return new Sentiment(compound, pos / total, neutral / total, Math.abs(neg) / total);
    }
}
