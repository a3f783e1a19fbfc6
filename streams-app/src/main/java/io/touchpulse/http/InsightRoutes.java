package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.touchpulse.schema.JourneyIssueType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** GET /api/customers/{id}, /api/customers, /api/journey-issues, /api/ideas, /api/trends: parameter checks, then {@link InsightsView}. */
final class InsightRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private InsightRoutes() {}

    static void register(Javalin app, InsightsView view) {
        app.get("/api/customers/{id}", ctx -> customer(ctx, view));
        app.get("/api/customers", ctx -> ctx.json(view.atRiskCustomers(param(ctx, "segment"), minRisk(ctx), limit(ctx))));
        app.get("/api/journey-issues", ctx -> ctx.json(view.journeyIssues(type(ctx), param(ctx, "customerId"), limit(ctx))));
        app.get("/api/ideas", ctx -> ctx.json(view.ideas(limit(ctx))));
        app.get("/api/trends", ctx -> ctx.json(view.trends(param(ctx, "segment"), param(ctx, "touchpoint"))));
    }

    private static void customer(Context ctx, InsightsView view) {
        String id = ctx.pathParam("id");
        view.customer(id).ifPresentOrElse(ctx::json,
                () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no customer '" + id + "' in the journey state")));
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
