package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.config.HttpSecurity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP port: liveness and readiness for orchestrators, Prometheus metrics, and the
 * JSON API. Small on purpose; query routes answer through {@link ClusterQueries}, so any instance answers every query.
 */
public final class HttpApi implements AutoCloseable {
    /** How often the live page gets a new snapshot. */
    public static final Duration LIVE_INTERVAL = Duration.ofSeconds(2);
    /** Keep-alive comments on the live stream, for proxies that close quiet connections. */
    static final Duration LIVE_KEEP_ALIVE = Duration.ofSeconds(15);
    /** A forwarded query answers within this or counts as unreachable (then replicas are asked, or the answer is partial). */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(2);

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
        return start(host, port, registry, silences, QuerySources.local(pipeline, insights));
    }

    /**
     * @param silences the alert dispatcher's silences; null when alert dispatch is off (the routes answer 503)
     * @param sources  local views and the store locator: queries are answered by any instance (see {@link ClusterQueries})
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, SilenceApi silences, QuerySources sources) {
        return start(host, port, registry, silences, sources, LIVE_INTERVAL);
    }

    /** @param liveInterval time between live snapshots (GET /api/stream) */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, SilenceApi silences, QuerySources sources,
                                Duration liveInterval) {
        return start(host, port, registry, silences, sources, liveInterval, HttpSecurity.OPEN);
    }

    /** @param security the write token (null: writes open) and the request body limit, see {@link WriteGuard} */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, SilenceApi silences, QuerySources sources,
                                Duration liveInterval, HttpSecurity security) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            cfg.http.defaultContentType = "application/json";
            cfg.http.maxRequestSize = security.maxBodyBytes(); // bodies without a Content-Length are cut here (413)
        });
        WriteGuard.register(app, security);
        PipelineView pipeline = sources.pipeline().active();
        ClusterQueries cluster = new ClusterQueries(sources.locator(), new HttpPeers(FORWARD_TIMEOUT), FORWARD_TIMEOUT.plusMillis(500));
        LiveFeed feed = new LiveFeed(LiveSources.cluster(sources, cluster), liveInterval,
                LIVE_KEEP_ALIVE.compareTo(liveInterval) < 0 ? liveInterval : LIVE_KEEP_ALIVE, Clock.systemUTC());
        String page = resource("/web/index.html");
        String script = resource("/web/live.js");
        app.get("/", ctx -> ctx.html(page));
        app.get("/live.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(script));
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", ctx -> ready(ctx, pipeline));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        PipelineRoutes.register(app, sources.pipeline(), cluster);
        InsightRoutes.register(app, sources.insights(), cluster);
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

    @Override
    public void close() {
        live.close();
        app.stop();
    }
}
