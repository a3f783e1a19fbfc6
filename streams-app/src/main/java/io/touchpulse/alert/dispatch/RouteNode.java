package io.touchpulse.alert.dispatch;

import io.touchpulse.config.Durations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled, validated node of the route tree: matchers, receivers, grouping and timing with
 * the parent's values filled in. {@link #match} follows Alertmanager's algorithm exactly.
 *
 * @param id path from the root ({@code root}, {@code root/0}, {@code root/0/2}); part of group keys
 */
public record RouteNode(String id, List<LabelMatcher> matchers, List<String> receivers, List<String> groupBy,
                        Timing timing, boolean continueMatching, List<RouteNode> children) {

    public static final List<String> DEFAULT_GROUP_BY = List.of("segment", "touchpoint");
    /** Alertmanager's "group by every label": one group per alert. */
    public static final String ALL_LABELS = "...";

    /** @param receiverNames the configured receivers; a route naming another one is an error */
    public static RouteNode compileRoot(AlertingConfig.Route root, Set<String> receiverNames) {
        AlertingConfig.Route r = root == null ? AlertingConfig.Route.to(List.of()) : root;
        if (r.match() != null || r.matchRe() != null) {
            throw new IllegalArgumentException("the root route matches every alert; put match/matchRe on a child route");
        }
        return compile(r, "root", List.of(), DEFAULT_GROUP_BY, Timing.DEFAULT, receiverNames);
    }

    private static RouteNode compile(AlertingConfig.Route r, String id, List<String> parentReceivers, List<String> parentGroupBy,
                                     Timing parent, Set<String> receiverNames) {
        List<LabelMatcher> matchers = new ArrayList<>();
        try {
            if (r.match() != null) {
                r.match().forEach((k, v) -> matchers.add(LabelMatcher.equal(k, v)));
            }
            if (r.matchRe() != null) {
                r.matchRe().forEach((k, v) -> matchers.add(LabelMatcher.regex(k, v)));
            }
            List<String> receivers = r.receiverNames().isEmpty() ? parentReceivers : r.receiverNames();
            for (String name : receivers) {
                if (!receiverNames.contains(name)) {
                    throw new IllegalArgumentException("receiver '" + name + "' is not defined");
                }
            }
            List<String> groupBy = r.groupBy() == null ? parentGroupBy : List.copyOf(r.groupBy());
            for (String label : groupBy) {
                if (!label.equals(ALL_LABELS) && !LabelMatcher.LABELS.contains(label)) {
                    throw new IllegalArgumentException("groupBy label '" + label + "' must be one of " + LabelMatcher.LABELS + " or ...");
                }
            }
            Timing timing = new Timing(
                    r.groupWait() == null ? parent.groupWait() : Durations.parse(r.groupWait()),
                    r.groupInterval() == null ? parent.groupInterval() : Durations.parse(r.groupInterval()),
                    r.repeatInterval() == null ? parent.repeatInterval() : Durations.parse(r.repeatInterval()));
            List<RouteNode> children = new ArrayList<>();
            List<AlertingConfig.Route> specs = r.routes() == null ? List.of() : r.routes();
            for (int i = 0; i < specs.size(); i++) {
                children.add(compile(specs.get(i), id + "/" + i, receivers, groupBy, timing, receiverNames));
            }
            return new RouteNode(id, List.copyOf(matchers), List.copyOf(receivers), groupBy, timing,
                    Boolean.TRUE.equals(r.continueMatching()), List.copyOf(children));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("route ")) {
                throw e;
            }
            throw new IllegalArgumentException("route " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The routes that take an alert with these labels: the deepest matching ones, first match
     * wins among siblings unless it says {@code continue}; the node itself if no child matches.
     */
    public List<RouteNode> match(Map<String, String> labels) {
        if (!matchers.stream().allMatch(m -> m.matches(labels))) {
            return List.of();
        }
        List<RouteNode> all = new ArrayList<>();
        for (RouteNode child : children) {
            List<RouteNode> matches = child.match(labels);
            all.addAll(matches);
            if (!matches.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** Every node, for looking a route up by id (groups rebuilt from the state topic). */
    public void forEach(java.util.function.Consumer<RouteNode> action) {
        action.accept(this);
        children.forEach(c -> c.forEach(action));
    }

    /** The group-by labels and their values for one alert. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String g : groupBy) {
            if (g.equals(ALL_LABELS)) {
                out.putAll(labels);
            } else {
                out.put(g, labels.getOrDefault(g, ""));
            }
        }
        return out;
    }

    /** Alertmanager-like group key: the route and the group's label values. */
    public String groupKey(Map<String, String> groupLabels) {
        StringBuilder sb = new StringBuilder(id).append(":{");
        groupLabels.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(k).append("=\"").append(v).append('"'));
        return sb.append('}').toString();
    }
}
