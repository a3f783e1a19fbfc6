package io.touchpulse.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Peers} over java.net.http. Short connect and request timeouts: a forwarded query either answers quickly
 * or counts as unreachable, so a stopped or hung instance costs one timeout, never a hanging request.
 */
public final class HttpPeers implements Peers {
    private final HttpClient client;
    private final Duration timeout;

    public HttpPeers(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public CompletableFuture<Reply> get(HostPort peer, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), r.headers().firstValue(ClusterQueries.PARTITIONS).orElse(null)));
    }
}
