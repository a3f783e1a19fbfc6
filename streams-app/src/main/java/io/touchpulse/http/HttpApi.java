package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP port: liveness and readiness for orchestrators, Prometheus metrics, and the
 * JSON API. Small on purpose; query routes answer through {@link ClusterQueries}, so any instance answers every query.
 */
public final class HttpApi implements AutoCloseable {
    /** A forwarded query answers within this or counts as unreachable (then replicas are asked, or the answer is partial). */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(2);
    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
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
        return start(host, port, registry, silences, QuerySources.local(pipeline, insights));
    }

    /**
     * @param silences the alert dispatcher's silences; null when alert dispatch is off (the routes answer 503)
     * @param sources  local views and the store locator: queries are answered by any instance (see {@link ClusterQueries})
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, SilenceApi silences, QuerySources sources) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            cfg.http.defaultContentType = "application/json";
        });
        PipelineView pipeline = sources.pipeline().active();
        ClusterQueries cluster = new ClusterQueries(sources.locator(), new HttpPeers(FORWARD_TIMEOUT), FORWARD_TIMEOUT.plusMillis(500));
        String page = livePage();
        app.get("/", ctx -> ctx.html(page));
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", ctx -> ready(ctx, pipeline));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        PipelineRoutes.register(app, sources.pipeline(), cluster);
        InsightRoutes.register(app, sources.insights(), cluster);
        SilenceRoutes.register(app, silences != null ? silences : SilenceRoutes.OFF);
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
        app.exception(IllegalStateException.class, (e, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("error", "not ready: " + e.getMessage(), "state", pipeline.state())));
        app.start(host, port);
        return new HttpApi(app);
    }

    private static String livePage() {
        try (var in = HttpApi.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IllegalStateException("live page /web/index.html is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    private static void ready(Context ctx, PipelineView pipeline) {
        boolean ready = pipeline.ready();
        ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("status", ready ? "UP" : "DOWN", "streams", pipeline.state()));
    }

    @Override
    public void close() {
        app.stop();
    }
}
