package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST/GET/DELETE /api/silences}: thin routes over {@link SilenceApi}. DELETE ends a
 * silence (as Alertmanager does) rather than erasing it, so GET still shows who silenced what.
 */
final class SilenceRoutes {
    /** Stand-in when alert dispatch is disabled. */
    static final SilenceApi OFF = new SilenceApi() {
        @Override
        public String create(String requestJson) {
            throw off();
        }

        @Override
        public String list(String state) {
            throw off();
        }

        @Override
        public Optional<String> get(String id) {
            throw off();
        }

        @Override
        public Optional<String> expire(String id) {
            throw off();
        }

        private IllegalStateException off() {
            return new IllegalStateException("alert dispatch is disabled (alert.delivery=false)");
        }
    };

    private SilenceRoutes() {}

    static void register(Javalin app, SilenceApi api) {
        app.post("/api/silences", ctx -> json(ctx.status(HttpStatus.CREATED), api.create(ctx.body())));
        app.get("/api/silences", ctx -> json(ctx, api.list(ctx.queryParam("state"))));
        app.get("/api/silences/{id}", ctx -> found(ctx, api.get(ctx.pathParam("id"))));
        app.delete("/api/silences/{id}", ctx -> found(ctx, api.expire(ctx.pathParam("id"))));
    }

    private static void found(Context ctx, Optional<String> json) {
        if (json.isPresent()) {
            json(ctx, json.get());
        } else {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no silence " + ctx.pathParam("id")));
        }
    }

    private static void json(Context ctx, String json) {
        ctx.contentType("application/json").result(json);
    }
}
