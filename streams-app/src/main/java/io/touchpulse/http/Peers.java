package io.touchpulse.http;

import java.util.concurrent.CompletableFuture;

/** GET requests to the other instances' HTTP APIs; an interface so the cluster logic is testable without sockets. */
public interface Peers {
    /** Completes exceptionally when the peer is unreachable or too slow; any HTTP status completes normally. */
    CompletableFuture<Reply> get(HostPort peer, String pathAndQuery);

    /** @param partitions the answer's {@value ClusterQueries#PARTITIONS} header; null when it has none (an instance of an older version) */
    record Reply(int status, String body, String partitions) {
        public Reply(int status, String body) {
            this(status, body, null);
        }
    }
}
