package io.touchpulse.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each section of the live page's snapshot comes from. Every supplier is one of the functions the REST routes
 * answer with, so the page and the API never disagree; a cluster-aware deployment passes suppliers that fan out to all
 * instances (or simply cluster-aware {@link PipelineView} / {@link InsightsView} implementations to {@link #of}).
 *
 * @param pipeline      {@code {state, ready}} of the local pipeline
 * @param touchpoints   as GET /api/touchpoints
 * @param firingAlerts  as GET /api/alerts?status=firing
 * @param trends        as GET /api/trends (the snapshot keeps the first {@link #TRENDS})
 * @param customers     as GET /api/customers?limit={@link #CUSTOMERS}
 * @param journeyIssues as GET /api/journey-issues?limit={@link #JOURNEY_ISSUES}
 * @param ideas         as GET /api/ideas?limit={@link #IDEAS}
 */
public record LiveSources(Supplier<Map<String, Object>> pipeline,
                          Supplier<List<Map<String, Object>>> touchpoints,
                          Supplier<List<Map<String, Object>>> firingAlerts,
                          Supplier<List<Map<String, Object>>> trends,
                          Supplier<List<Map<String, Object>>> customers,
                          Supplier<List<Map<String, Object>>> journeyIssues,
                          Supplier<List<Map<String, Object>>> ideas) {
    public static final int CUSTOMERS = 15;
    public static final int JOURNEY_ISSUES = 20;
    public static final int IDEAS = 10;
    public static final int TRENDS = 25;

    /** The sections from this instance's own views (a single instance, tests): the cluster path with nobody else to ask. */
    public static LiveSources of(PipelineView pipeline, InsightsView insights) {
        QuerySources local = QuerySources.local(pipeline, insights);
        return cluster(local, new ClusterQueries(local.locator(), new HttpPeers(HttpApi.FORWARD_TIMEOUT), HttpApi.FORWARD_TIMEOUT));
    }

    /** The sections as the cluster answers them: every instance's share, like the REST routes without scope=local. */
    static LiveSources cluster(QuerySources sources, ClusterQueries cluster) {
        LocalViews<PipelineView> p = sources.pipeline();
        LocalViews<InsightsView> i = sources.insights();
        PipelineView self = p.active();
        return new LiveSources(
                () -> state(self),
                () -> rows(cluster.list(Dataset.TOUCHPOINTS, scope("/api/touchpoints", Map.of()), Integer.MAX_VALUE,
                        stale -> PipelineRoutes.touchpoints(p.pick(stale), null, null))),
                () -> rows(cluster.list(Dataset.ALERTS, scope("/api/alerts", Map.of("status", List.of("firing"))), Integer.MAX_VALUE,
                        stale -> PipelineRoutes.alerts(p.pick(stale), PipelineRoutes.AlertFilter.FIRING))),
                () -> rows(cluster.list(Dataset.TRENDS, scope("/api/trends", Map.of()), TRENDS, stale -> i.pick(stale).trends(null, null))),
                () -> rows(cluster.list(Dataset.CUSTOMERS, scope("/api/customers", Map.of("limit", List.of("" + CUSTOMERS))), CUSTOMERS,
                        stale -> i.pick(stale).atRiskCustomers(null, 0.0, CUSTOMERS))),
                () -> rows(cluster.list(Dataset.JOURNEY_ISSUES, scope("/api/journey-issues", Map.of("limit", List.of("" + JOURNEY_ISSUES))),
                        JOURNEY_ISSUES, stale -> i.pick(stale).journeyIssues(null, null, JOURNEY_ISSUES))),
                () -> rows(cluster.list(Dataset.IDEAS, scope("/api/ideas", Map.of("limit", List.of("" + IDEAS))), IDEAS,
                        stale -> i.pick(stale).ideas(IDEAS))));
    }

    private static Map<String, Object> state(PipelineView pipeline) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", pipeline.state());
        m.put("ready", pipeline.ready());
        return m;
    }

    private static QueryScope scope(String path, Map<String, List<String>> query) {
        return new QueryScope(path, query, false, false);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ClusterQueries.Answer a) {
        if (a.status() != 200 || !(a.body() instanceof List<?>)) {
            throw new IllegalStateException(a.body() instanceof Map<?, ?> m && m.get("error") != null ? m.get("error").toString()
                    : "HTTP " + a.status());
        }
        return (List<Map<String, Object>>) a.body();
    }

    /**
     * One snapshot: {@code generatedAt}, {@code pipeline}, the six sections, and {@code errors} naming each section
     * that could not be read (stores not queryable yet, an instance down): that section is empty, the others still show.
     */
    public Map<String, Object> snapshot(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        m.put("generatedAt", now.toString());
        Map<String, Object> state = read("pipeline", pipeline, errors);
        m.put("pipeline", state != null ? state : Map.of("state", "UNKNOWN", "ready", false));
        m.put("touchpoints", list("touchpoints", touchpoints, Integer.MAX_VALUE, errors));
        m.put("alerts", list("alerts", firingAlerts, Integer.MAX_VALUE, errors));
        m.put("trends", list("trends", trends, TRENDS, errors));
        m.put("customers", list("customers", customers, CUSTOMERS, errors));
        m.put("journeyIssues", list("journeyIssues", journeyIssues, JOURNEY_ISSUES, errors));
        m.put("ideas", list("ideas", ideas, IDEAS, errors));
        m.put("errors", errors);
        return m;
    }

    private static List<Map<String, Object>> list(String name, Supplier<List<Map<String, Object>>> s, int limit,
                                                  Map<String, String> errors) {
        List<Map<String, Object>> l = read(name, s, errors);
        if (l == null) {
            return List.of();
        }
        return l.size() > limit ? l.subList(0, limit) : l;
    }

    /** A failing section must not blank the whole page: its error is reported next to the data that did come. */
    private static <T> T read(String name, Supplier<T> s, Map<String, String> errors) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            errors.put(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }
}
