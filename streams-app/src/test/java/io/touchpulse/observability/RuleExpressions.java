package io.touchpulse.observability;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The recording and alerting rules of prometheus/rules/*.yml. */
public final class RuleExpressions {
    /** A trailing {@code > 0.01}, {@code == 0}, {@code < 1} …: the threshold of an alert condition. */
    private static final Pattern FINAL_COMPARISON = Pattern.compile("\\s*(==|!=|>=|<=|>|<)\\s*-?[0-9.]+(e-?[0-9]+)?\\s*$");
    private static final Pattern TOP_LEVEL_AND = Pattern.compile("\\s+and\\s+");

    public record Rule(Path file, String name, boolean alert, String expr, JsonNode node) {
        public String where() {
            return file.getFileName() + " / " + name;
        }
    }

    private RuleExpressions() {
    }

    public static List<Rule> all() {
        List<Rule> out = new ArrayList<>();
        for (Path f : ObservabilityFiles.ruleFiles()) {
            for (JsonNode g : ObservabilityFiles.yaml(f).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    boolean alert = r.has("alert");
                    out.add(new Rule(f, r.path(alert ? "alert" : "record").asText(), alert, r.path("expr").asText().trim(), r));
                }
            }
        }
        return out;
    }

    /**
     * The signals an alert condition compares, without the thresholds: {@code a > 1 and b > 0} gives
     * {@code a} and {@code b}. A healthy system returns no data for the condition itself (that is the
     * point), but it must return data for each signal, or the alert could never fire (a renamed
     * metric, a missing label). Our alert rules are written as clauses of "signal op number" joined
     * by {@code and}, which is what this relies on.
     */
    public static List<String> signals(String alertExpr) {
        List<String> out = new ArrayList<>();
        for (String clause : TOP_LEVEL_AND.split(alertExpr)) {
            out.add(FINAL_COMPARISON.matcher(clause.trim()).replaceFirst(""));
        }
        return out;
    }
}
