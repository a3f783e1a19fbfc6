package io.touchpulse.alert.dispatch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMatcherTest {
    @Test
    void regexesAreAnchoredAndNegatable() {
        assertThat(LabelMatcher.regex("touchpoint", "check.*").matches(Map.of("touchpoint", "checkout"))).isTrue();
        assertThat(LabelMatcher.regex("touchpoint", "check").matches(Map.of("touchpoint", "checkout"))).as("anchored").isFalse();
        assertThat(new LabelMatcher("segment", "small.*", true, false).matches(Map.of("segment", "small business"))).isFalse();
        assertThat(new LabelMatcher("segment", "x", false, false).matches(Map.of())).as("a missing label is empty").isTrue();
    }

    @Test
    void anInvalidRegexIsRejectedWithTheReason() {
        assertThatThrownBy(() -> LabelMatcher.regex("segment", "(unclosed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a regular expression");
    }

    @Test
    void theCompiledPatternCacheStaysBoundedAndMatchersStillWorkAfterItStartsOver() {
        LabelMatcher first = LabelMatcher.regex("fingerprint", "f-0+");
        for (int i = 0; i < 3 * LabelMatcher.MAX_CACHED_PATTERNS; i++) {
            LabelMatcher m = LabelMatcher.regex("fingerprint", "f-" + i + "[a-z]?");
            assertThat(m.matches(Map.of("fingerprint", "f-" + i + "x"))).isTrue();
            assertThat(LabelMatcher.cachedPatterns()).isLessThanOrEqualTo(LabelMatcher.MAX_CACHED_PATTERNS);
        }
        assertThat(first.matches(Map.of("fingerprint", "f-000"))).as("recompiled after the cache started over").isTrue();
    }
}
