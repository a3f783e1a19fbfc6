package io.touchpulse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into word tokens: whitespace-separated, outer punctuation stripped (but
 * emoticons kept), with the lower-case form for lookups and the original for emphasis.
 */
final class Tokens {
    private Tokens() {}

    /** {@code clauseEnd}: the raw token ended with , . ; : ! or ? (negation and contrast do not reach past it). */
    record Token(String lower, String original, boolean clauseEnd) {
        boolean emoji() {
            return !original.isEmpty() && !Character.isLetterOrDigit(original.codePointAt(0));
        }

        boolean shouted() {
            if (original.length() < 2) {
                return false;
            }
            boolean letter = false;
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                if (Character.isLowerCase(c)) {
                    return false;
                }
                letter |= Character.isLetter(c);
            }
            return letter;
        }
    }

    static List<Token> split(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String raw = text.substring(start, i);
                String word = isEmoticon(raw) ? raw : strip(raw);
                if (!word.isEmpty()) {
                    char last = raw.charAt(raw.length() - 1);
                    boolean clauseEnd = !isEmoticon(raw) && ",.;:!?".indexOf(last) >= 0;
                    out.add(new Token(word.toLowerCase(Locale.ROOT), word, clauseEnd));
                }
            }
        }
        return out;
    }

    private static boolean isEmoticon(String s) {
        return s.length() <= 4 && (s.startsWith(":") || s.startsWith(";")) && s.length() >= 2;
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isEdgePunct(s.charAt(a))) {
            a++;
        }
        while (b > a && isEdgePunct(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isEdgePunct(char c) {
        return ".,!?;:\"()[]{}<>«»“”‘’'`*_-".indexOf(c) >= 0;
    }
}
