package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.touchpulse.schema.JourneyIssueType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** GET /api/customers/{id}, /api/customers, /api/journey-issues, /api/ideas, /api/trends: parameter checks, then the cluster answers from {@link InsightsView}s. */
final class InsightRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private InsightRoutes() {}

    /** Parameters are checked first (a bad one is a 400 here, not a failed peer), then the cluster answers from the views. */
    static void register(Javalin app, LocalViews<InsightsView> views, ClusterQueries cluster) {
        app.get("/api/customers/{id}", ctx -> {
            String id = ctx.pathParam("id");
            PipelineRoutes.reply(ctx, cluster.lookup(Dataset.CUSTOMERS.store(), id, QueryScope.of(ctx),
                    stale -> views.pick(stale).customer(id), Map.of("error", "no customer '" + id + "' in the journey state")));
        });
        app.get("/api/customers", ctx -> {
            String segment = param(ctx, "segment");
            double minRisk = minRisk(ctx);
            int limit = limit(ctx);
            PipelineRoutes.reply(ctx, cluster.list(Dataset.CUSTOMERS, QueryScope.of(ctx), limit,
                    stale -> views.pick(stale).atRiskCustomers(segment, minRisk, limit)));
        });
        app.get("/api/journey-issues", ctx -> {
            String type = type(ctx);
            String customerId = param(ctx, "customerId");
            int limit = limit(ctx);
            PipelineRoutes.reply(ctx, cluster.list(Dataset.JOURNEY_ISSUES, QueryScope.of(ctx), limit,
                    stale -> views.pick(stale).journeyIssues(type, customerId, limit)));
        });
        app.get("/api/ideas", ctx -> {
            int limit = limit(ctx);
            PipelineRoutes.reply(ctx, cluster.list(Dataset.IDEAS, QueryScope.of(ctx), limit, stale -> views.pick(stale).ideas(limit)));
        });
        app.get("/api/trends", ctx -> {
            String segment = param(ctx, "segment");
            String touchpoint = param(ctx, "touchpoint");
            PipelineRoutes.reply(ctx, cluster.list(Dataset.TRENDS, QueryScope.of(ctx), Integer.MAX_VALUE,
                    stale -> views.pick(stale).trends(segment, touchpoint)));
        });
    }

    static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static int limit(Context ctx) {
        String v = param(ctx, "limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + v + "'");
        }
    }

    static double minRisk(Context ctx) {
        String v = param(ctx, "minRisk");
        if (v == null) {
            return 0.0;
        }
        try {
            double r = Double.parseDouble(v);
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("minRisk must be within 0..1, got " + v);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("minRisk must be a number within 0..1, got '" + v + "'");
        }
    }

    static String type(Context ctx) {
        String v = param(ctx, "type");
        if (v == null) {
            return null;
        }
        String t = v.toUpperCase(Locale.ROOT).replace('-', '_');
        if (Arrays.stream(JourneyIssueType.values()).noneMatch(k -> k.name().equals(t))) {
            throw new IllegalArgumentException("type must be one of " + Arrays.toString(JourneyIssueType.values()) + ", got '" + v + "'");
        }
        return t;
    }
}
