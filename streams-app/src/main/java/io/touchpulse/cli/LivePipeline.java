package io.touchpulse.cli;

import io.touchpulse.http.HostPort;
import io.touchpulse.http.QuerySources;
import io.touchpulse.http.LocalViews;
import io.touchpulse.http.PipelineView;
import io.touchpulse.http.StoreLocator;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.PipelineRuntime;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pipeline as the HTTP API sees it. HTTP starts first (Kafka Streams must advertise the port actually bound, and
 * {@code http.port=0} binds any free one), so until the pipeline is set every query answers "starting" (a 503).
 * Translates Kafka's store errors and metadata into the Kafka-free {@link PipelineView} and {@link StoreLocator}.
 */
final class LivePipeline {
    private volatile HostPort self;
    private volatile PipelineRuntime runtime;

    /** This instance's advertised endpoint, known once HTTP is bound. */
    void advertise(HostPort self) {
        this.self = self;
    }

    void set(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    /** The running pipeline; IllegalStateException (a 503) while it is still starting. */
    PipelineRuntime runtime() {
        PipelineRuntime r = runtime;
        if (r == null) {
            throw new IllegalStateException("the pipeline is starting");
        }
        return r;
    }

    /**
     * How long a replica read (the last resort) waits for a store. Taking over a dead instance's task, its standby is
     * closed and reopened as the active task: for a few hundred ms it is neither (during the rebalance and just after
     * it), and with nobody else to ask the query would be a 503 (seen in FailoverUnderLoadTest).
     */
    static final java.time.Duration REBALANCE_WAIT = java.time.Duration.ofMillis(1500);

    /** Runs a store read; a store that is not queryable (rebalancing, restoring, moved) becomes an IllegalStateException (a 503). */
    <T> T query(Supplier<T> read) {
        return query(false, read);
    }

    /**
     * @param replica a read of standby and restoring tasks too (the last resort after the owner could not answer):
     *                while the client runs or rebalances it waits up to {@link #REBALANCE_WAIT} for the store to reappear
     */
    <T> T query(boolean replica, Supplier<T> read) {
        long deadline = System.nanoTime() + REBALANCE_WAIT.toNanos();
        while (true) {
            try {
                return read.get();
            } catch (InvalidStateStoreException e) {
                if (!replica || !runtime().state().isRunningOrRebalancing() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("state stores are not queryable (" + runtime().state() + "): " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the stores were rebalancing", ie);
                }
            }
        }
    }

    /** What the HTTP routes read: pipeline views, the customer-level insights, and where each store lives. */
    QuerySources sources() {
        return new QuerySources(views(), new LocalViews<>(new LocalInsights(this, false), new LocalInsights(this, true)), locator());
    }

    LocalViews<PipelineView> views() {
        return new LocalViews<>(view(false), view(true));
    }

    private PipelineView view(boolean includeStandbys) {
        return new PipelineView() {
            @Override
            public String state() {
                PipelineRuntime r = runtime;
                return r == null ? "STARTING" : r.state().name();
            }

            @Override
            public boolean ready() {
                PipelineRuntime r = runtime;
                return r != null && r.isRunning();
            }

            @Override
            public List<TouchpointHealth> latestHealth() {
                return query(includeStandbys, () -> runtime().latestHealth(includeStandbys));
            }

            @Override
            public List<Alert> alerts() {
                return query(includeStandbys, () -> runtime().alerts(includeStandbys));
            }
        };
    }

    StoreLocator locator() {
        return new StoreLocator() {
            @Override
            public HostPort self() {
                return self;
            }

            @Override
            public Optional<KeyOwners> ownersOf(String store, String key) {
                PipelineRuntime r = runtime();
                if (!r.hasStore(store)) {
                    return Optional.empty();
                }
                KeyQueryMetadata m = r.keyMetadata(store, key);
                if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                    throw new IllegalStateException("no metadata for store '" + store + "' yet (" + r.state() + "): try again shortly");
                }
                return Optional.of(new KeyOwners(hostPort(m.activeHost()), m.standbyHosts().stream().map(LivePipeline::hostPort).toList()));
            }

            @Override
            public List<StoreHost> hostsOf(String store) {
                PipelineRuntime r = runtime();
                if (!r.hasStore(store)) {
                    return List.of();
                }
                List<StoreHost> hosts = r.storeAssignment(store).stream()
                        .map(a -> new StoreHost(hostPort(a.host()), a.active(), a.standby()))
                        .toList();
                if (hosts.stream().noneMatch(StoreHost::active)) {
                    throw new IllegalStateException("no instance hosts store '" + store + "' yet (" + r.state() + "): try again shortly");
                }
                return hosts;
            }

            @Override
            public Set<Integer> readablePartitions(String store, boolean includeStandbys) {
                return runtime().readablePartitions(store, includeStandbys);
            }
        };
    }

    private static HostPort hostPort(HostInfo h) {
        if (h.port() < 1) {
            throw new IllegalStateException("an instance advertises no HTTP endpoint (" + h + "): is application.server set on every instance?");
        }
        return new HostPort(h.host(), h.port());
    }

    static HostInfo hostInfo(HostPort h) {
        return new HostInfo(h.host(), h.port());
    }
}
