package io.touchpulse.http;

import java.util.List;
import java.util.Optional;

/**
 * Where the state stores live across the instances of one application, without Kafka types (the implementation
 * asks Kafka Streams' metadata). Both lookups throw IllegalStateException while the metadata is not available
 * (before the first assignment): callers answer 503 instead of waiting.
 */
public interface StoreLocator {
    /** This instance, as the others see it; null when there is no cluster (every query is answered locally). */
    HostPort self();

    /** Owner and standby replicas of {@code key} in {@code store}; empty when the store is not in this application's topology. */
    Optional<KeyOwners> ownersOf(String store, String key);

    /** Every instance hosting {@code store} (active or standby tasks); empty when the store is not in the topology. */
    List<StoreHost> hostsOf(String store);

    record KeyOwners(HostPort active, List<HostPort> standbys) {
        public KeyOwners {
            standbys = List.copyOf(standbys);
        }
    }

    /** {@code active}: hosts at least one active task of the store; {@code standby}: at least one standby task. */
    record StoreHost(HostPort host, boolean active, boolean standby) {}

    /** A single instance without application.server: everything is local. */
    StoreLocator LOCAL_ONLY = new StoreLocator() {
        public HostPort self() { return null; }
        public Optional<KeyOwners> ownersOf(String store, String key) { return Optional.empty(); }
        public List<StoreHost> hostsOf(String store) { return List.of(); }
    };
}
