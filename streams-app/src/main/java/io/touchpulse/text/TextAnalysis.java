package io.touchpulse.text;

import java.util.List;
import java.util.Map;

/**
 * Everything the engine reads from one text: its sentiment, what the customer wants (intents:
 * churn, complaint, praise, question, request) and what it is about (aspects: price, wait, staff,
 * product, website, delivery, account), each aspect with the compound of the clause that mentions it.
 */
public record TextAnalysis(Sentiment sentiment, List<String> intents, Map<String, Double> aspects) {
    public static final TextAnalysis EMPTY = new TextAnalysis(Sentiment.NONE, List.of(), Map.of());
}
