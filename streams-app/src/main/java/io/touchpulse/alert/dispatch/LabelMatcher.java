package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an alert label, as Alertmanager writes it: {@code name}, {@code value},
 * {@code isRegex} (anchored: the whole value must match) and {@code isEqual} (false negates).
 * Routes and silences use the same matcher, so "what a silence covers" reads like a route.
 */
public record LabelMatcher(@JsonProperty("name") String name, @JsonProperty("value") String value,
                           @JsonProperty("isRegex") boolean isRegex, @JsonProperty("isEqual") boolean isEqual) {

    /** The labels every alert has (see {@code AlertView.labels()}); matching anything else is a typo. */
    public static final Set<String> LABELS = Set.of("alertname", "segment", "touchpoint", "metric", "severity", "fingerprint");

    /** Label values are short names; a longer value (or a huge regex to compile) is a mistake or an attack. */
    public static final int MAX_VALUE_CHARS = 256;

    /**
     * Compiled regexes by source, shared by the matchers of routes and silences. Bounded: every silence posted with a new
     * regex would otherwise stay here for good; past {@link #MAX_CACHED_PATTERNS} the cache starts over (recompiling a
     * pattern of at most 256 characters costs microseconds).
     */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    static final int MAX_CACHED_PATTERNS = 1024;

    public LabelMatcher {
        if (name == null || !LABELS.contains(name)) {
            throw new IllegalArgumentException("matcher name '" + name + "' must be one of " + new TreeSet<>(LABELS));
        }
        if (value == null) {
            throw new IllegalArgumentException("matcher " + name + " has no value");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("matcher " + name + ": value of " + value.length() + " characters, at most " + MAX_VALUE_CHARS);
        }
        if (isRegex) {
            try {
                pattern(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + name + ": '" + value + "' is not a regular expression: " + e.getDescription());
            }
        }
    }

    /** JSON form; {@code isEqual} defaults to true and {@code isRegex} to false, as in Alertmanager. */
    @JsonCreator
    public static LabelMatcher of(@JsonProperty("name") String name, @JsonProperty("value") String value,
                                  @JsonProperty("isRegex") Boolean isRegex, @JsonProperty("isEqual") Boolean isEqual) {
        return new LabelMatcher(name, value, Boolean.TRUE.equals(isRegex), isEqual == null || isEqual);
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, value, false, true);
    }

    public static LabelMatcher regex(String name, String value) {
        return new LabelMatcher(name, value, true, true);
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        boolean hit = isRegex ? pattern(value).matcher(v).matches() : value.equals(v);
        return hit == isEqual;
    }

    private static Pattern pattern(String regex) {
        Pattern p = PATTERNS.get(regex);
        if (p == null) {
            p = Pattern.compile(regex);
            if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
                PATTERNS.clear();
            }
            PATTERNS.put(regex, p);
        }
        return p;
    }

    /** How many compiled patterns are cached (tests). */
    static int cachedPatterns() {
        return PATTERNS.size();
    }

    @Override
    public String toString() {
        return name + (isEqual ? (isRegex ? "=~" : "=") : (isRegex ? "!~" : "!=")) + "\"" + value + "\"";
    }
}
