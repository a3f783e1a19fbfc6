package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.TouchpointHealth;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** GET /api/touchpoints and /api/alerts: parameter checks, then the cluster answers from {@link PipelineView}s. */
final class PipelineRoutes {
    private PipelineRoutes() {}

    static void register(Javalin app, LocalViews<PipelineView> views, ClusterQueries cluster) {
        app.get("/api/touchpoints", ctx -> {
            String segment = param(ctx, "segment");
            String touchpoint = param(ctx, "touchpoint");
            reply(ctx, cluster.list(Dataset.TOUCHPOINTS, QueryScope.of(ctx), Integer.MAX_VALUE,
                    stale -> touchpoints(views.pick(stale), segment, touchpoint)));
        });
        app.get("/api/alerts", ctx -> {
            AlertFilter filter = AlertFilter.of(ctx);
            reply(ctx, cluster.list(Dataset.ALERTS, QueryScope.of(ctx), Integer.MAX_VALUE, stale -> alerts(views.pick(stale), filter)));
        });
    }

    static void reply(Context ctx, ClusterQueries.Answer answer) {
        answer.headers().forEach(ctx::header);
        ctx.status(answer.status()).json(answer.body());
    }

    static List<Map<String, Object>> touchpoints(PipelineView pipeline, String segment, String touchpoint) {
        return pipeline.latestHealth().stream()
                .filter(h -> matches(segment, h.getSegment()))
                .filter(h -> matches(touchpoint, h.getTouchpoint()))
                .sorted(Comparator.comparing(TouchpointHealth::getSegment).thenComparing(TouchpointHealth::getTouchpoint))
                .map(HealthJson::of)
                .toList();
    }

    /** Firing alerts first, then resolved ones; newest first within each. */
    static List<Map<String, Object>> alerts(PipelineView pipeline, AlertFilter f) {
        return pipeline.alerts().stream()
                .filter(a -> matches(f.status(), a.getStatus().name()))
                .filter(a -> matches(f.severity(), a.getSeverity().name()))
                .filter(a -> matches(f.segment(), a.getSegment()))
                .filter(a -> matches(f.touchpoint(), a.getTouchpoint()))
                .filter(a -> matches(f.fingerprint(), a.getFingerprint()))
                .sorted(Comparator.comparing((Alert a) -> a.getStatus() != AlertStatus.FIRING)
                        .thenComparing(Alert::getStartsAt, Comparator.reverseOrder())
                        .thenComparing(Alert::getFingerprint))
                .map(AlertJson::of)
                .toList();
    }

    /** Filters of GET /api/alerts, checked before anything is asked. */
    record AlertFilter(String status, String severity, String segment, String touchpoint, String fingerprint) {
        static final AlertFilter FIRING = new AlertFilter("firing", null, null, null, null);

        static AlertFilter of(Context ctx) {
            String status = param(ctx, "status");
            if (status != null && !status.equals("firing") && !status.equals("resolved")) {
                throw new IllegalArgumentException("status must be firing or resolved, got '" + status + "'");
            }
            return new AlertFilter(status, param(ctx, "severity"), param(ctx, "segment"), param(ctx, "touchpoint"), param(ctx, "fingerprint"));
        }
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }
}
