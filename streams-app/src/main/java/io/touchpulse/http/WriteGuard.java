package io.touchpulse.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.touchpulse.config.HttpSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;

/**
 * Guards every request before its route: bodies over {@code http.max-body-bytes} get 413, and when
 * {@code http.write-token} is set, every write (POST, PUT, PATCH, DELETE: today the silences) needs
 * {@code Authorization: Bearer <token>}, else 401 with {@code WWW-Authenticate}. Reads stay open: the
 * dashboards and the live page need no credentials. Instances forward only reads to each other, so
 * forwarded requests never need the token.
 */
final class WriteGuard {
    private static final Logger LOG = LoggerFactory.getLogger(WriteGuard.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String CHALLENGE = "Bearer realm=\"touchpulse\"";

    private WriteGuard() {}

    static void register(Javalin app, HttpSecurity security) {
        if (security.writesOpen()) {
            LOG.warn("HTTP write endpoints (POST/DELETE /api/silences) are open to anyone who reaches this port; "
                    + "set http.write-token (env TOUCHPULSE_HTTP_WRITE_TOKEN) to require a bearer token");
        }
        byte[] expected = security.writesOpen() ? null : digest(security.writeToken());
        app.before(ctx -> {
            long length = ctx.contentLength();
            if (length > security.maxBodyBytes()) {
                stop(ctx, HttpStatus.CONTENT_TOO_LARGE, "request body of " + length + " bytes is over the limit of "
                        + security.maxBodyBytes() + " bytes (http.max-body-bytes)");
            } else if (expected != null && WRITES.contains(ctx.method().name()) && !authorized(ctx.header("Authorization"), expected)) {
                ctx.header("WWW-Authenticate", CHALLENGE);
                stop(ctx, HttpStatus.UNAUTHORIZED, "this endpoint changes state and needs 'Authorization: Bearer <http.write-token>'");
            }
        });
    }

    /** Compares digests with {@link MessageDigest#isEqual}: constant time, and the token's length does not show either. */
    static boolean authorized(String header, byte[] expected) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest(header.substring(7).trim()), expected);
    }

    private static void stop(Context ctx, HttpStatus status, String error) {
        ctx.status(status).json(Map.of("error", error));
        ctx.skipRemainingHandlers();
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
