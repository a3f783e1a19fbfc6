package io.touchpulse.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Answers a query on any instance. Key lookups go to the key's owner (this instance answers itself when it is the
 * owner), then to its standby replicas if the owner cannot answer; lists fan out to every instance with active
 * tasks of the store, then merge. Each answer to a list says which partitions of the store it covers, and the asker
 * checks them against its own view of the assignment, partition by partition: the instances' views differ for a
 * moment in a rebalance, and an owner whose view lags answers for fewer partitions without failing. For a partition
 * nobody answered for, its standby hosts and its owner are asked for a replica read.
 * Forwarded requests carry {@code scope=local} and are never forwarded again, so no request can loop.
 * <p>Headers: {@value #ANSWERED_BY} (instances whose answers were used), {@value #STALE} (standby data was used:
 * it may lag), {@value #PARTIAL} (owners of partitions that nobody answered for: their records are missing),
 * {@value #PARTITIONS} (on a forwarded list's answer: the partitions of the store it covers, e.g. {@code 0,2}, or {@code none}).
 */
public final class ClusterQueries {
    public static final String ANSWERED_BY = "X-Touchpulse-Answered-By";
    public static final String STALE = "X-Touchpulse-Stale";
    public static final String PARTIAL = "X-Touchpulse-Partial";
    public static final String PARTITIONS = "X-Touchpulse-Partitions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final StoreLocator locator;
    private final Peers peers;
    /** Upper bound on waiting for a peer, above the HTTP client's own timeout. */
    private final Duration wait;

    public ClusterQueries(StoreLocator locator, Peers peers, Duration wait) {
        this.locator = locator;
        this.peers = peers;
        this.wait = wait;
    }

    /** This instance's answer to a list query, from active stores or also from standbys. Throws IllegalStateException when not queryable. */
    @FunctionalInterface
    public interface LocalList {
        List<Map<String, Object>> answer(boolean includeStandbys);
    }

    /** This instance's answer to a key lookup; empty = not found here. Throws IllegalStateException when not queryable. */
    @FunctionalInterface
    public interface LocalLookup {
        Optional<Map<String, Object>> answer(boolean includeStandbys);
    }

    /** What to send back: status, a JSON-ready body, extra headers. */
    public record Answer(int status, Object body, Map<String, String> headers) {}

    public Answer list(Dataset dataset, QueryScope scope, int limit, LocalList local) {
        String store = dataset.store();
        if (locator.self() == null) {
            // a single instance: its answer
            return new Answer(200, local.answer(scope.stale()), scope.stale() ? Map.of(STALE, "true") : Map.of());
        }
        if (scope.local()) {
            // a forwarded request: this instance's answer, and the partitions it covers for the asker to check
            Part part = localPart(store, scope.stale(), local);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(PARTITIONS, formatPartitions(part.partitions()));
            if (scope.stale()) {
                headers.put(STALE, "true");
            }
            return new Answer(200, part.rows(), headers);
        }
        List<StoreLocator.StoreHost> hosts = locator.hostsOf(store);
        if (hosts.isEmpty()) {
            return new Answer(200, local.answer(false), Map.of()); // a store this topology does not have
        }
        Map<HostPort, StoreLocator.StoreHost> byHost = new LinkedHashMap<>();
        hosts.forEach(h -> byHost.putIfAbsent(h.host(), h));
        Set<Integer> missing = hosts.stream().flatMap(h -> h.activePartitions().stream()).collect(Collectors.toCollection(TreeSet::new));
        List<HostPort> actives = hosts.stream().filter(StoreLocator.StoreHost::active).map(StoreLocator.StoreHost::host).toList();
        Map<HostPort, Part> answers = new LinkedHashMap<>();
        Map<HostPort, String> failures = new LinkedHashMap<>();
        Set<HostPort> unreachable = new HashSet<>();
        ask(actives, false, store, scope, local, byHost, answers, failures, unreachable);
        answers.values().forEach(a -> missing.removeAll(a.partitions()));
        Map<HostPort, Part> fromReplicas = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            // replica reads: of the standby hosts of the missing partitions, and of their owners that did answer (this one
            // included): an owner that failed, or answered for fewer partitions than it owns, may be restoring tasks it just
            // took over (from a standby: nearly current) and its replica read has them; with three instances or more nobody
            // else may (the standbys of the tasks that moved start empty)
            Set<Integer> lacking = Set.copyOf(missing);
            List<HostPort> replicaHosts = hosts.stream()
                    .filter(h -> overlaps(h.standbyPartitions(), lacking) || overlaps(h.activePartitions(), lacking))
                    .map(StoreLocator.StoreHost::host).filter(h -> !unreachable.contains(h)).toList();
            Map<HostPort, Part> replicaAnswers = new LinkedHashMap<>();
            Map<HostPort, String> replicaFailures = new LinkedHashMap<>();
            ask(replicaHosts, true, store, scope, local, byHost, replicaAnswers, replicaFailures, unreachable);
            // only the answers that make up for a missing partition: the others would add nothing but older copies
            replicaAnswers.forEach((h, a) -> {
                if (overlaps(a.partitions(), lacking)) {
                    fromReplicas.put(h, a);
                    missing.removeAll(a.partitions());
                }
            });
            if (answers.isEmpty() && fromReplicas.isEmpty()) {
                failures.putAll(replicaFailures);
                return unavailable(store, failures);
            }
        }
        // active answers first, so de-duplication keeps them over a replica's possibly older copy of the same record
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        answers.values().forEach(a -> a.rows().forEach(r -> byKey.putIfAbsent(dataset.keyOf(r), r)));
        fromReplicas.values().forEach(a -> a.rows().forEach(r -> byKey.putIfAbsent(dataset.keyOf(r), r)));
        List<Map<String, Object>> merged = byKey.values().stream().sorted(dataset.order()).limit(limit).toList();
        Set<HostPort> answeredBy = new LinkedHashSet<>(answers.keySet());
        answeredBy.addAll(fromReplicas.keySet());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ANSWERED_BY, join(answeredBy));
        if (!fromReplicas.isEmpty()) {
            headers.put(STALE, "true");
        }
        if (!missing.isEmpty()) {
            // partitions nobody answered for, neither its owner nor a replica: name their owners (in this instance's view)
            headers.put(PARTIAL, join(hosts.stream().filter(h -> overlaps(h.activePartitions(), missing)).map(StoreLocator.StoreHost::host).toList()));
        }
        return new Answer(200, merged, headers);
    }

    /** @param notFound the body of a 404 answered here */
    public Answer lookup(String store, String key, QueryScope scope, LocalLookup local, Map<String, Object> notFound) {
        Optional<StoreLocator.KeyOwners> owners = scope.local() || locator.self() == null ? Optional.empty() : locator.ownersOf(store, key);
        if (owners.isEmpty()) {
            return localLookup(local, scope.stale(), notFound);
        }
        List<HostPort> candidates = new ArrayList<>();
        candidates.add(owners.get().active());
        candidates.addAll(owners.get().standbys());
        if (owners.get().active().equals(locator.self())) {
            // last resort: the owner is this instance and its task still restoring (a takeover): read it as a replica
            candidates.add(locator.self());
        }
        Map<HostPort, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            HostPort host = candidates.get(i);
            boolean stale = i > 0;
            try {
                Answer a = host.equals(locator.self()) ? localLookup(local, stale, notFound) : remoteLookup(host, scope, stale);
                if (stale && a.status() == 404 && host.equals(owners.get().active())) {
                    // the owner's own tasks, still restoring: the key may simply not be restored yet
                    throw new IllegalStateException("not found in its stores while they are still restoring");
                }
                Map<String, String> headers = new LinkedHashMap<>(a.headers());
                headers.put(ANSWERED_BY, host.toString());
                if (stale) {
                    headers.put(STALE, "true");
                }
                return new Answer(a.status(), a.body(), headers);
            } catch (RuntimeException e) {
                failures.put(host, message(e));
            }
        }
        return unavailable(store, failures);
    }

    private Answer localLookup(LocalLookup local, boolean stale, Map<String, Object> notFound) {
        Optional<Map<String, Object>> found = local.answer(stale);
        Map<String, String> headers = stale ? Map.of(STALE, "true") : Map.of();
        return found.map(m -> new Answer(200, (Object) m, headers)).orElseGet(() -> new Answer(404, notFound, headers));
    }

    private Answer remoteLookup(HostPort host, QueryScope scope, boolean stale) {
        Peers.Reply reply = await(peers.get(host, scope.forwarded(stale)));
        if (reply.status() != 200 && reply.status() != 404) {
            throw new IllegalStateException("answered " + reply.status() + " " + reply.body());
        }
        return new Answer(reply.status(), parse(reply.body(), OBJECT), Map.of());
    }

    /**
     * Asks every host at once (this instance in the calling thread) and sorts the outcomes into answers and failures;
     * {@code unreachable} gets the failed hosts that gave no HTTP answer at all (refused, timed out), not worth asking again.
     */
    private void ask(List<HostPort> hosts, boolean stale, String store, QueryScope scope, LocalList local, Map<HostPort, StoreLocator.StoreHost> byHost,
                     Map<HostPort, Part> answers, Map<HostPort, String> failures, Set<HostPort> unreachable) {
        Map<HostPort, CompletableFuture<Peers.Reply>> pending = new LinkedHashMap<>();
        hosts.stream().filter(h -> !h.equals(locator.self())).forEach(h -> pending.put(h, peers.get(h, scope.forwarded(stale))));
        for (HostPort h : hosts) {
            try {
                if (h.equals(locator.self())) {
                    answers.put(h, localPart(store, stale, local));
                } else {
                    Peers.Reply reply = await(pending.get(h));
                    if (reply.status() != 200) {
                        throw new IllegalStateException("answered " + reply.status() + " " + reply.body());
                    }
                    // an answer without the header (an instance of an older version) covers what this instance's view gives it
                    Set<Integer> covered = reply.partitions() != null ? parsePartitions(reply.partitions()) : byHost.get(h).partitions(stale);
                    answers.put(h, new Part(parse(reply.body(), LIST), covered));
                }
            } catch (RuntimeException e) {
                failures.put(h, message(e));
                if (pending.containsKey(h) && pending.get(h).isCompletedExceptionally()) {
                    unreachable.add(h);
                }
            }
        }
    }

    /** One instance's answer to a list: its records, and the partitions of the store they come from. */
    private record Part(List<Map<String, Object>> rows, Set<Integer> partitions) {}

    /** How often a local list is read again when the partitions readable here changed while it was read. */
    private static final int LOCAL_READS = 3;

    /**
     * This instance's answer and the partitions it covers: those readable both before and after the read. A read
     * over all partitions silently leaves out one that is not readable when it runs; when the readable ones changed
     * during the read (a task restored or handed over), it is read again, and in the end only the partitions readable
     * throughout count.
     */
    private Part localPart(String store, boolean stale, LocalList local) {
        Set<Integer> before = locator.readablePartitions(store, stale);
        for (int i = 1; ; i++) {
            List<Map<String, Object>> rows = local.answer(stale);
            Set<Integer> after = locator.readablePartitions(store, stale);
            if (after.equals(before) || i == LOCAL_READS) {
                Set<Integer> both = new TreeSet<>(before);
                both.retainAll(after);
                return new Part(rows, both);
            }
            before = after;
        }
    }

    static String formatPartitions(Set<Integer> partitions) {
        return partitions.isEmpty() ? "none" : partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Integer> parsePartitions(String header) {
        if (header.isBlank() || header.trim().equals("none")) {
            return Set.of();
        }
        try {
            return java.util.Arrays.stream(header.split(",")).map(p -> Integer.parseInt(p.trim())).collect(Collectors.toCollection(TreeSet::new));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("answered a malformed " + PARTITIONS + " header '" + header + "'", e);
        }
    }

    private static boolean overlaps(Set<Integer> a, Set<Integer> b) {
        return a.stream().anyMatch(b::contains);
    }

    private Peers.Reply await(CompletableFuture<Peers.Reply> reply) {
        try {
            return reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("unreachable: " + message(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            reply.cancel(true);
            throw new IllegalStateException("no answer within " + wait.toMillis() + " ms", e);
        }
    }

    private static <T> T parse(String body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("answered something that is not the expected JSON: " + e.getMessage(), e);
        }
    }

    private static Answer unavailable(String store, Map<HostPort, String> failures) {
        String why = failures.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
        return new Answer(503, Map.of("error", "no instance could answer from store '" + store + "': " + why),
                Map.of(PARTIAL, join(failures.keySet())));
    }

    private static String join(java.util.Collection<HostPort> hosts) {
        return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
