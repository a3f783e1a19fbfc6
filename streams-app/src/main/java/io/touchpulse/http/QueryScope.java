package io.touchpulse.http;

import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a query reaches: {@code scope=local} (set on forwarded requests) answers from this instance only and is
 * never forwarded again; {@code stale=true} with it also reads standby replicas. Anything else asks the cluster.
 *
 * @param query the request's parameters without {@code scope} and {@code stale}, to forward as they came
 */
public record QueryScope(String path, Map<String, List<String>> query, boolean local, boolean stale) {
    static final String SCOPE = "scope";
    static final String STALE = "stale";

    public QueryScope {
        query = java.util.Collections.unmodifiableMap(new TreeMap<>(query)); // sorted: a forwarded URL is the same every time
    }

    static QueryScope of(Context ctx) {
        String scope = ctx.queryParam(SCOPE);
        if (scope != null && !scope.equals("local") && !scope.equals("cluster")) {
            throw new IllegalArgumentException("scope must be local or cluster, got '" + scope + "'");
        }
        Map<String, List<String>> rest = new TreeMap<>(ctx.queryParamMap());
        rest.remove(SCOPE);
        rest.remove(STALE);
        boolean local = "local".equals(scope);
        return new QueryScope(ctx.path(), rest, local, local && "true".equals(ctx.queryParam(STALE)));
    }

    /** Path and query of the same request for a peer: answer locally, from standbys too when {@code stale}. */
    String forwarded(boolean stale) {
        StringBuilder b = new StringBuilder(path).append('?');
        query.forEach((k, vs) -> vs.forEach(v -> b.append(encode(k)).append('=').append(encode(v)).append('&')));
        b.append(SCOPE).append("=local");
        if (stale) {
            b.append('&').append(STALE).append("=true");
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
