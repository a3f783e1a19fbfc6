package io.touchpulse.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds cue phrases ({@code label<TAB>phrase} data files) in token sequences: phrases are indexed by
 * their first word, so a text costs one map lookup per token whatever the number of cues.
 */
final class CueMatcher {
    private record Cue(String label, String[] words) {}

    private final Map<String, List<Cue>> byFirstWord = new HashMap<>();

    static CueMatcher load(String resource) {
        CueMatcher m = new CueMatcher();
        Lexicons.forEachEntry(resource, "label<TAB>phrase", (label, phrase) -> {
            String[] words = phrase.split("\\s+");
            m.byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Cue(label, words));
        });
        return m;
    }

    /** Labels of the cues found in tokens [from, to). */
    Set<String> find(List<Tokens.Token> tokens, int from, int to) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            List<Cue> cues = byFirstWord.get(tokens.get(i).lower());
            if (cues == null) {
                continue;
            }
            for (Cue c : cues) {
                if (matches(tokens, i, to, c.words())) {
                    out.add(c.label());
                }
            }
        }
        return out;
    }

    private static boolean matches(List<Tokens.Token> tokens, int at, int to, String[] words) {
        if (at + words.length > to) {
            return false;
        }
        for (int k = 1; k < words.length; k++) {
            if (!tokens.get(at + k).lower().equals(words[k])) {
                return false;
            }
        }
        return true;
    }
}
