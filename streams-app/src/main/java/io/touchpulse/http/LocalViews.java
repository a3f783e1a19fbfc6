package io.touchpulse.http;

/**
 * One of this instance's views read two ways: {@code active} from active tasks only (authoritative), and
 * {@code withStandbys} also from standby replicas and restoring tasks (Kafka Streams' stale stores), which may lag.
 * The cluster layer uses the second only when the owner of the data cannot answer.
 */
public record LocalViews<V>(V active, V withStandbys) {
    /** A view without replicas (tests, a single instance): both reads are the same. */
    public static <V> LocalViews<V> of(V view) {
        return new LocalViews<>(view, view);
    }

    public V pick(boolean includeStandbys) {
        return includeStandbys ? withStandbys : active;
    }
}
