package io.touchpulse.http;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The partitions of {@code store} a read on this instance covers now: from its active tasks, or also from its
     * replicas when {@code includeStandbys}. Throws IllegalStateException when that cannot be told.
     */
    Set<Integer> readablePartitions(String store, boolean includeStandbys);

    record KeyOwners(HostPort active, List<HostPort> standbys) {
        public KeyOwners {
            standbys = List.copyOf(standbys);
        }
    }

    /** An instance's partitions of the store: those of its active tasks, and those of its standby tasks. */
    record StoreHost(HostPort host, Set<Integer> activePartitions, Set<Integer> standbyPartitions) {
        public StoreHost {
            activePartitions = Set.copyOf(activePartitions);
            standbyPartitions = Set.copyOf(standbyPartitions);
        }

        /** Hosts at least one active task of the store. */
        public boolean active() {
            return !activePartitions.isEmpty();
        }

        /** Hosts at least one standby task of the store. */
        public boolean standby() {
            return !standbyPartitions.isEmpty();
        }

        /** The partitions a read there covers by this assignment: its active ones, and its standby ones too for a replica read. */
        public Set<Integer> partitions(boolean includeStandbys) {
            if (!includeStandbys) {
                return activePartitions;
            }
            Set<Integer> all = new java.util.TreeSet<>(activePartitions);
            all.addAll(standbyPartitions);
            return all;
        }
    }

    /** A single instance without application.server: everything is local. */
    StoreLocator LOCAL_ONLY = new StoreLocator() {
        public HostPort self() { return null; }
        public Optional<KeyOwners> ownersOf(String store, String key) { return Optional.empty(); }
        public List<StoreHost> hostsOf(String store) { return List.of(); }
        public Set<Integer> readablePartitions(String store, boolean includeStandbys) { return Set.of(); }
    };
}
