package io.touchpulse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a customer text for sentiment, intents and aspects. Intents come from cue phrases plus
 * the sentiment (a clearly negative text is a complaint, a clearly positive one praise) and the
 * form of a question; aspects from cue words, each scored by the clause that mentions it, so
 * "the staff were lovely but the bill is a joke" gives staff +, price −.
 */
public final class TextAnalyzer {
    public static final List<String> INTENTS = List.of("churn", "complaint", "praise", "question", "request");
    public static final List<String> ASPECTS = List.of("price", "wait", "staff", "product", "website", "delivery", "account");
    private static final Set<String> QUESTION_STARTS = Set.of("how", "what", "when", "where", "why", "who", "which", "can",
            "could", "is", "are", "do", "does", "did", "will", "would", "should", "has", "have", "any", "anyone");
    private static final Set<String> CLAUSE_STARTS = Set.of("but", "however", "although", "though", "yet", "whereas");
    private static final double COMPLAINT = -0.4;
    private static final double PRAISE = 0.5;

    private static final TextAnalyzer STANDARD = new TextAnalyzer(SentimentScorer.standard(),
            CueMatcher.load("/text/intents.tsv"), CueMatcher.load("/text/aspects.tsv"));

    private final SentimentScorer scorer;
    private final CueMatcher intentCues;
    private final CueMatcher aspectCues;

    TextAnalyzer(SentimentScorer scorer, CueMatcher intentCues, CueMatcher aspectCues) {
        this.scorer = scorer;
        this.intentCues = intentCues;
        this.aspectCues = aspectCues;
    }

    public static TextAnalyzer standard() {
        return STANDARD;
    }

    public TextAnalysis analyze(String text) {
        if (text == null || text.isBlank()) {
            return TextAnalysis.EMPTY;
        }
        Sentiment sentiment = scorer.score(text);
        List<Tokens.Token> tokens = Tokens.split(text);
        Set<String> found = intentCues.find(tokens, 0, tokens.size());
        // "Could you please add dark mode" is a request in question form: without a '?', a request cue wins
        boolean question = text.stripTrailing().endsWith("?")
                || (!found.contains("request") && !tokens.isEmpty() && QUESTION_STARTS.contains(tokens.get(0).lower())
                    && !tokens.get(tokens.size() - 1).clauseEnd());
        if (question) {
            found.add("question");
        }
        if (sentiment.compound() <= COMPLAINT) {
            found.add("complaint");
        } else if (sentiment.compound() >= PRAISE && !question) {
            found.add("praise");
        }
        List<String> intents = new ArrayList<>(found.size());
        for (String i : INTENTS) {
            if (found.contains(i)) {
                intents.add(i);
            }
        }
        return new TextAnalysis(sentiment, intents, aspects(tokens));
    }

    /** Each clause that mentions an aspect gives it the clause's compound; several mentions average. */
    private Map<String, Double> aspects(List<Tokens.Token> tokens) {
        Map<String, double[]> sums = new TreeMap<>();
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size() || (i > start && CLAUSE_STARTS.contains(tokens.get(i).lower()));
            if (!end && !tokens.get(i).clauseEnd()) {
                continue;
            }
            int to = end ? i : i + 1;
            if (to > start) {
                Set<String> aspects = aspectCues.find(tokens, start, to);
                if (!aspects.isEmpty()) {
                    double c = scorer.score(join(tokens, start, to)).compound();
                    aspects.forEach(a -> {
                        double[] s = sums.computeIfAbsent(a, k -> new double[2]);
                        s[0] += c;
                        s[1]++;
                    });
                }
            }
            start = to;
        }
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((a, s) -> out.put(a, Math.round(s[0] / s[1] * 10_000) / 10_000.0));
        return out;
    }

    private static String join(List<Tokens.Token> tokens, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(tokens.get(i).original());
        }
        return sb.toString();
    }
}
