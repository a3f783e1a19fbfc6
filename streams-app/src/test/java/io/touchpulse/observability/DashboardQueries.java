package io.touchpulse.observability;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of the Grafana dashboards: panel targets and variable queries, with the template
 * variables they use. Shared by the model test (are the variables defined?) and the test against a
 * live Prometheus (does every query return data?).
 */
public final class DashboardQueries {
    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the old {@code [[name]]}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

    /** One PromQL expression and where it comes from (for failure messages). */
    public record Query(String where, String expr) {
    }

    private DashboardQueries() {
    }

    /** Panels at the top level and inside (collapsed) rows. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    public static List<Query> targets(Path file, JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) {
                if (t.hasNonNull("expr")) {
                    out.add(new Query(file.getFileName() + " / " + p.path("title").asText() + " / " + t.path("refId").asText(), t.get("expr").asText()));
                }
            }
        }
        return out;
    }

    /** Query variables as PromQL: {@code label_values(m{...}, l)} becomes {@code group by (l) (m{...})}. */
    public static List<Query> variableQueries(Path file, JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                out.add(new Query(file.getFileName() + " / variable " + v.path("name").asText(), asPromQl(variableQuery(v))));
            }
        }
        return out;
    }

    public static String variableQuery(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    public static String asPromQl(String labelValues) {
        Matcher m = LABEL_VALUES.matcher(labelValues);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a label_values(metric, label) query: " + labelValues);
        }
        return "group by (" + m.group(2) + ") (" + m.group(1) + ")";
    }

    public static Set<String> variablesUsed(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    /** Replaces every variable by its value; unknown ones are left as they are (and then fail in Prometheus). */
    public static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(name, m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
