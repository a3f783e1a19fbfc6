package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.TouchpointHealth;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP port: liveness and readiness for orchestrators, Prometheus metrics, and the
 * JSON API. Small on purpose; routes delegate to {@link PipelineView}.
 */
public final class HttpApi implements AutoCloseable {
    /** How often the live page gets a new snapshot. */
    public static final Duration LIVE_INTERVAL = Duration.ofSeconds(2);
    /** Keep-alive comments on the live stream, for proxies that close quiet connections. */
    static final Duration LIVE_KEEP_ALIVE = Duration.ofSeconds(15);

    private final Javalin app;
    private final LiveFeed live;

    private HttpApi(Javalin app, LiveFeed live) {
        this.app = app;
        this.live = live;
    }

    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, PipelineView pipeline) {
        return start(host, port, registry, pipeline, null);
    }

    /** @param silences the alert dispatcher's silences; null when alert dispatch is off (the routes answer 503) */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, PipelineView pipeline, SilenceApi silences) {
        return start(host, port, registry, pipeline, silences, InsightsView.NONE);
    }

    /** @param insights customer-level insights (journey stage, ideas, trends) */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, PipelineView pipeline, SilenceApi silences,
                                InsightsView insights) {
        return start(host, port, registry, pipeline, silences, insights, LiveSources.of(pipeline, insights), LIVE_INTERVAL);
    }

    /**
     * @param live         where the live page's snapshot sections come from (GET /api/stream)
     * @param liveInterval time between live snapshots
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, PipelineView pipeline, SilenceApi silences,
                                InsightsView insights, LiveSources live, Duration liveInterval) {
        LiveFeed feed = new LiveFeed(live, liveInterval, LIVE_KEEP_ALIVE.compareTo(liveInterval) < 0 ? liveInterval : LIVE_KEEP_ALIVE,
                Clock.systemUTC());
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            cfg.http.defaultContentType = "application/json";
        });
        String page = resource("/web/index.html");
        String script = resource("/web/live.js");
        app.get("/", ctx -> ctx.html(page));
        app.get("/live.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(script));
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", ctx -> ready(ctx, pipeline));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        app.get("/api/touchpoints", ctx -> touchpoints(ctx, pipeline));
        app.get("/api/alerts", ctx -> alerts(ctx, pipeline));
        InsightRoutes.register(app, insights);
        feed.register(app);
        SilenceRoutes.register(app, silences != null ? silences : SilenceRoutes.OFF);
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
        app.exception(IllegalStateException.class, (e, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("error", "not ready: " + e.getMessage(), "state", pipeline.state())));
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        return new HttpApi(app, feed);
    }

    private static String resource(String path) {
        try (var in = HttpApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("live page " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    /** Live page streams currently open. */
    int liveClients() {
        return live.clients();
    }

    private static void ready(Context ctx, PipelineView pipeline) {
        boolean ready = pipeline.ready();
        ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("status", ready ? "UP" : "DOWN", "streams", pipeline.state()));
    }

    private static void touchpoints(Context ctx, PipelineView pipeline) {
        ctx.json(touchpointList(pipeline, param(ctx, "segment"), param(ctx, "touchpoint")));
    }

    /** GET /api/touchpoints and the live feed: latest window per segment × touchpoint as JSON, sorted; filters null for all. */
    static List<Map<String, Object>> touchpointList(PipelineView pipeline, String segment, String touchpoint) {
        return pipeline.latestHealth().stream()
                .filter(h -> matches(segment, h.getSegment()))
                .filter(h -> matches(touchpoint, h.getTouchpoint()))
                .sorted(Comparator.comparing(TouchpointHealth::getSegment).thenComparing(TouchpointHealth::getTouchpoint))
                .map(HealthJson::of)
                .toList();
    }

    /** Filters: status, severity, segment, touchpoint, fingerprint. */
    private static void alerts(Context ctx, PipelineView pipeline) {
        String status = param(ctx, "status");
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            throw new IllegalArgumentException("status must be firing or resolved, got '" + status + "'");
        }
        ctx.json(alertList(pipeline, status, param(ctx, "severity"), param(ctx, "segment"), param(ctx, "touchpoint"),
                param(ctx, "fingerprint")));
    }

    /**
     * GET /api/alerts and the live feed: firing alerts first, then resolved ones; newest first within each.
     * Every filter is null for all, else matched case-insensitively.
     */
    static List<Map<String, Object>> alertList(PipelineView pipeline, String status, String severity, String segment,
                                               String touchpoint, String fingerprint) {
        return pipeline.alerts().stream()
                .filter(a -> matches(status, a.getStatus().name()))
                .filter(a -> matches(severity, a.getSeverity().name()))
                .filter(a -> matches(segment, a.getSegment()))
                .filter(a -> matches(touchpoint, a.getTouchpoint()))
                .filter(a -> matches(fingerprint, a.getFingerprint()))
                .sorted(Comparator.comparing((Alert a) -> a.getStatus() != AlertStatus.FIRING)
                        .thenComparing(Alert::getStartsAt, Comparator.reverseOrder())
                        .thenComparing(Alert::getFingerprint))
                .map(AlertJson::of)
                .toList();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    @Override
    public void close() {
        live.close();
        app.stop();
    }
}
