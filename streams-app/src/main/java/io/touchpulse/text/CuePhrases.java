package io.touchpulse.text;

import java.util.List;
import java.util.Set;

/**
 * Public face of {@link CueMatcher} for other packages: loads a {@code label<TAB>phrase} file from the classpath and
 * answers which labels' phrases a text contains, matched on word boundaries with the same tokenizer as the intents.
 */
public final class CuePhrases {
    private final CueMatcher matcher;

    private CuePhrases(CueMatcher matcher) {
        this.matcher = matcher;
    }

    /** @throws IllegalStateException if the resource is missing or malformed */
    public static CuePhrases load(String resource) {
        return new CuePhrases(CueMatcher.load(resource));
    }

    /** Labels of the cue phrases found in {@code text} (empty for null or blank text). */
    public Set<String> find(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        List<Tokens.Token> tokens = Tokens.split(text.replace('’', '\''));
        return matcher.find(tokens, 0, tokens.size());
    }
}
