package io.touchpulse.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Answers a query on any instance. Key lookups go to the key's owner (this instance answers itself when it is the
 * owner), then to its standby replicas if the owner cannot answer; lists fan out to every instance with active
 * tasks of the store, and to the standby hosts only when one of those cannot answer, then merge.
 * Forwarded requests carry {@code scope=local} and are never forwarded again, so no request can loop.
 * <p>Headers: {@value #ANSWERED_BY} (instances whose answers were used), {@value #STALE} (standby data was used:
 * it may lag), {@value #PARTIAL} (instances that could not answer and whose data no replica made up for).
 */
public final class ClusterQueries {
    public static final String ANSWERED_BY = "X-Touchpulse-Answered-By";
    public static final String STALE = "X-Touchpulse-Stale";
    public static final String PARTIAL = "X-Touchpulse-Partial";
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
        List<StoreLocator.StoreHost> hosts = scope.local() || locator.self() == null ? List.of() : locator.hostsOf(dataset.store());
        if (hosts.isEmpty()) {
            // a forwarded request, a single instance, or a store this topology does not have: this instance's answer
            return new Answer(200, local.answer(scope.stale()), scope.stale() ? Map.of(STALE, "true") : Map.of());
        }
        List<HostPort> actives = hosts.stream().filter(StoreLocator.StoreHost::active).map(StoreLocator.StoreHost::host).toList();
        Map<HostPort, List<Map<String, Object>>> answers = new LinkedHashMap<>();
        Map<HostPort, String> failures = new LinkedHashMap<>();
        Set<HostPort> unreachable = new HashSet<>();
        ask(actives, false, scope, local, answers, failures, unreachable);
        Map<HostPort, List<Map<String, Object>>> fromStandbys = new LinkedHashMap<>();
        if (!failures.isEmpty()) {
            // the standby hosts, and every instance whose active read failed but that did answer (this one included): it
            // may be restoring tasks it just took over (from a standby: nearly current), and its replica read has its own
            // data; with three instances or more nobody else may (the standbys of the tasks that moved start empty)
            List<HostPort> standbys = hosts.stream().filter(h -> h.standby() || failures.containsKey(h.host()))
                    .map(StoreLocator.StoreHost::host).filter(h -> !unreachable.contains(h)).toList();
            Map<HostPort, String> standbyFailures = new LinkedHashMap<>();
            ask(standbys, true, scope, local, fromStandbys, standbyFailures, unreachable);
            if (answers.isEmpty() && fromStandbys.isEmpty()) {
                failures.putAll(standbyFailures);
                return unavailable(dataset.store(), failures);
            }
        }
        // active answers first, so de-duplication keeps them over a replica's possibly older copy of the same record
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        answers.values().forEach(l -> l.forEach(r -> byKey.putIfAbsent(dataset.keyOf(r), r)));
        fromStandbys.values().forEach(l -> l.forEach(r -> byKey.putIfAbsent(dataset.keyOf(r), r)));
        List<Map<String, Object>> merged = byKey.values().stream().sorted(dataset.order()).limit(limit).toList();
        java.util.Set<HostPort> answeredBy = new java.util.LinkedHashSet<>(answers.keySet());
        answeredBy.addAll(fromStandbys.keySet());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ANSWERED_BY, join(answeredBy));
        if (!fromStandbys.isEmpty()) {
            headers.put(STALE, "true");
        }
        // an instance that failed made up for itself with a replica read, or a standby host answered for it; without
        // standbys (or none answering) the records of the others are missing
        Set<HostPort> standbyHosts = hosts.stream().filter(StoreLocator.StoreHost::standby).map(StoreLocator.StoreHost::host).collect(Collectors.toSet());
        List<HostPort> missing = fromStandbys.keySet().stream().anyMatch(standbyHosts::contains) ? List.of()
                : failures.keySet().stream().filter(h -> !fromStandbys.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            headers.put(PARTIAL, join(missing));
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
    private void ask(List<HostPort> hosts, boolean stale, QueryScope scope, LocalList local,
                     Map<HostPort, List<Map<String, Object>>> answers, Map<HostPort, String> failures, Set<HostPort> unreachable) {
        Map<HostPort, CompletableFuture<Peers.Reply>> pending = new LinkedHashMap<>();
        hosts.stream().filter(h -> !h.equals(locator.self())).forEach(h -> pending.put(h, peers.get(h, scope.forwarded(stale))));
        for (HostPort h : hosts) {
            try {
                if (h.equals(locator.self())) {
                    answers.put(h, local.answer(stale));
                } else {
                    Peers.Reply reply = await(pending.get(h));
                    if (reply.status() != 200) {
                        throw new IllegalStateException("answered " + reply.status() + " " + reply.body());
                    }
                    answers.put(h, parse(reply.body(), LIST));
                }
            } catch (RuntimeException e) {
                failures.put(h, message(e));
                if (pending.containsKey(h) && pending.get(h).isCompletedExceptionally()) {
                    unreachable.add(h);
                }
            }
        }
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
