package io.touchpulse.http;

import java.util.concurrent.CompletableFuture;

/** GET requests to the other instances' HTTP APIs; an interface so the cluster logic is testable without sockets. */
public interface Peers {
    /** Completes exceptionally when the peer is unreachable or too slow; any HTTP status completes normally. */
    CompletableFuture<Reply> get(HostPort peer, String pathAndQuery);

    record Reply(int status, String body) {}
}
