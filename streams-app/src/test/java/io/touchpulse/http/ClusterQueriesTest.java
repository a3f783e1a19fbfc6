package io.touchpulse.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Forwarding, fan-out, merging and failover of {@link ClusterQueries} over a fake cluster: no sockets, no Kafka. */
class ClusterQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HostPort A = new HostPort("a", 1);
    private static final HostPort B = new HostPort("b", 2);
    private static final HostPort C = new HostPort("c", 3);
    private static final Map<String, Object> NOT_FOUND = Map.of("error", "no such customer");

    /** Peers that answer from a table of path-and-query → reply; a host missing from {@code up} refuses the connection. */
    private static final class FakePeers implements Peers {
        final Map<HostPort, Map<String, Peers.Reply>> replies = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        FakePeers reply(HostPort host, String pathAndQuery, int status, Object body) throws Exception {
            return reply(host, pathAndQuery, status, body, null);
        }

        /** @param partitions the answer's X-Touchpulse-Partitions header (null: none, as from an older version) */
        FakePeers reply(HostPort host, String pathAndQuery, int status, Object body, String partitions) throws Exception {
            replies.computeIfAbsent(host, h -> new HashMap<>()).put(pathAndQuery, new Peers.Reply(status, JSON.writeValueAsString(body), partitions));
            return this;
        }

        @Override
        public CompletableFuture<Reply> get(HostPort peer, String pathAndQuery) {
            asked.add(peer + pathAndQuery);
            Map<String, Reply> table = replies.get(peer);
            if (table == null) {
                return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
            }
            Reply r = table.get(pathAndQuery);
            return CompletableFuture.completedFuture(r != null ? r : new Reply(500, "{\"error\":\"unexpected " + pathAndQuery + "\"}"));
        }
    }

    private static StoreLocator locator(HostPort self, List<StoreLocator.StoreHost> hosts, StoreLocator.KeyOwners owners) {
        // this instance reads what it hosts in the assignment: its active partitions, and its standby ones for a replica read
        return locator(self, hosts, owners, stale -> hosts.stream().filter(h -> h.host().equals(self))
                .flatMap(h -> h.partitions(stale).stream()).collect(java.util.stream.Collectors.toSet()));
    }

    private static StoreLocator locator(HostPort self, List<StoreLocator.StoreHost> hosts, StoreLocator.KeyOwners owners,
                                        java.util.function.Function<Boolean, Set<Integer>> readable) {
        return new StoreLocator() {
            public HostPort self() { return self; }
            public Optional<KeyOwners> ownersOf(String store, String key) { return Optional.ofNullable(owners); }
            public List<StoreHost> hostsOf(String store) { return hosts; }
            public Set<Integer> readablePartitions(String store, boolean includeStandbys) { return readable.apply(includeStandbys); }
        };
    }

    /** An instance with these partitions of the store's active tasks and of its standby tasks. */
    private static StoreLocator.StoreHost host(HostPort h, Set<Integer> active, Set<Integer> standby) {
        return new StoreLocator.StoreHost(h, active, standby);
    }

    private static QueryScope cluster(String path, Map<String, List<String>> query) {
        return new QueryScope(path, query, false, false);
    }

    private static Map<String, Object> customer(String id, double risk) {
        return Map.of("customerId", id, "risk", risk);
    }

    private static List<String> ids(ClusterQueries.Answer a) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> l = (List<Map<String, Object>>) a.body();
        return l.stream().map(m -> (String) m.get("customerId")).toList();
    }

    @Test
    void listsAreMergedInTheEndpointsOrderDeDuplicatedAndLimited() throws Exception {
        FakePeers peers = new FakePeers().reply(B, "/api/customers?limit=3&scope=local", 200,
                List.of(customer("c9", 0.9), customer("c5", 0.5), customer("c1", 0.1)));
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of(0)));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of("limit", List.of("3"))), 3,
                stale -> List.of(customer("c8", 0.8), customer("c5", 0.5), customer("c2", 0.2)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly("c9", "c8", "c5");
        assertThat(answer.headers()).containsEntry(ClusterQueries.ANSWERED_BY, "a:1,b:2")
                .doesNotContainKeys(ClusterQueries.PARTIAL, ClusterQueries.STALE);
    }

    @Test
    void anUnreachableOwnerIsReplacedByAStandbyAndTheAnswerIsMarkedStale() throws Exception {
        // A is down; B holds A's partitions as a standby and answers with stale=true
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 200, List.of(customer("b1", 0.4)))
                .reply(B, "/api/customers?scope=local&stale=true", 200, List.of(customer("b1", 0.3), customer("a1", 0.7)));
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of(0)));
        ClusterQueries q = new ClusterQueries(locator(C, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> {
            throw new AssertionError("C hosts nothing and must not be asked");
        });

        assertThat(ids(answer)).containsExactly("a1", "b1");
        @SuppressWarnings("unchecked")
        var b1 = ((List<Map<String, Object>>) answer.body()).get(1);
        assertThat(b1.get("risk")).as("the active copy wins over the replica's").isEqualTo(0.4);
        assertThat(answer.headers()).containsEntry(ClusterQueries.STALE, "true").doesNotContainKey(ClusterQueries.PARTIAL);
    }

    @Test
    void withoutAReplicaAnUnreachableInstanceGivesAPartialAnswerNotAnError() throws Exception {
        FakePeers peers = new FakePeers();
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly("a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTIAL, "b:2").containsEntry(ClusterQueries.ANSWERED_BY, "a:1");
    }

    @Test
    void anInstanceThatAnswersButIsStillRestoringIsAskedForItsReplicaReadToo() throws Exception {
        // three instances, C just stopped: B took over C's tasks and is still restoring them (503 to an active read), A's
        // new standby replica of them is still empty; C is still in the metadata. Only B's replica read has B's and C's records.
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 503, Map.of("error", "not ready: restoring"))
                .reply(B, "/api/customers?scope=local&stale=true", 200, List.of(customer("c1", 0.9), customer("b1", 0.4)));
        var hosts = List.of(host(A, Set.of(0), Set.of(1)), host(B, Set.of(1), Set.of(2)), host(C, Set.of(2), Set.of(0)));
        // A's replica of partition 1 has only started restoring: its replica read covers partition 0 alone
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null, stale -> Set.of(0)), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly("c1", "b1", "a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.STALE, "true").containsEntry(ClusterQueries.ANSWERED_BY, "a:1,b:2")
                .doesNotContainKey(ClusterQueries.PARTIAL);
        assertThat(peers.asked).as("an unreachable instance is not asked twice")
                .containsExactlyInAnyOrder("b:2/api/customers?scope=local", "c:3/api/customers?scope=local", "b:2/api/customers?scope=local&stale=true");
    }

    @Test
    void aReplicaReadOfARestoringInstanceDoesNotHideTheRecordsOfAStoppedOne() throws Exception {
        // no standby replicas: C stopped, B answers only from its replica read while it rebalances; nobody has C's records
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 503, Map.of("error", "not ready: rebalancing"))
                .reply(B, "/api/customers?scope=local&stale=true", 200, List.of(customer("b1", 0.4)));
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of()), host(C, Set.of(2), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(ids(answer)).containsExactly("b1", "a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.STALE, "true").containsEntry(ClusterQueries.PARTIAL, "c:3");
    }

    @Test
    void anOwnerWhoseViewOfTheAssignmentLagsAnswersForFewerPartitionsAndTheListSaysPartial() throws Exception {
        // C stopped; in A's view B already owns C's partition 2, in B's own view not yet: B's reads succeed without it
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 200, List.of(customer("b1", 0.4)), "1")
                .reply(B, "/api/customers?scope=local&stale=true", 200, List.of(customer("b1", 0.4)), "1");
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1, 2), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly("b1", "a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTIAL, "b:2").containsEntry(ClusterQueries.ANSWERED_BY, "a:1,b:2")
                .as("a replica read that covers nothing missing is not used").doesNotContainKey(ClusterQueries.STALE);
        assertThat(peers.asked).contains("b:2/api/customers?scope=local&stale=true");
    }

    @Test
    void aPartitionAnOwnerLeftOutIsMadeUpForByItsReplicaRead() throws Exception {
        // B's active read does not cover partition 2 yet (still restoring), its replica read does
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 200, List.of(customer("b1", 0.4)), "1")
                .reply(B, "/api/customers?scope=local&stale=true", 200, List.of(customer("b1", 0.4), customer("c1", 0.9)), "1,2");
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1, 2), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(ids(answer)).containsExactly("c1", "b1", "a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.STALE, "true").doesNotContainKey(ClusterQueries.PARTIAL);
    }

    @Test
    void thisInstancesOwnAnswerCountsOnlyThePartitionsItCouldReadThroughout() {
        // A owns partitions 0 and 1 in the assignment, but only 0 is readable here (1 is still restoring) and no replica has it
        var hosts = List.of(host(A, Set.of(0, 1), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null, stale -> Set.of(0)), new FakePeers(), Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTIAL, "a:1");
    }

    @Test
    void aForwardedListSaysWhichPartitionsItCoversAndIsReadAgainWhenTheyChangeDuringTheRead() {
        // partition 1 becomes readable during the first read: that read may lack it, so it is read again
        java.util.Iterator<Set<Integer>> readable = List.of(Set.of(0), Set.of(0, 1), Set.of(0, 1)).iterator();
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), null, stale -> readable.next()), new FakePeers(), Duration.ofSeconds(1));
        int[] reads = new int[1];

        var answer = q.list(Dataset.CUSTOMERS, new QueryScope("/api/customers", Map.of(), true, false), 10, stale -> {
            reads[0]++;
            return List.of(customer("a" + reads[0], 0.2));
        });

        assertThat(reads[0]).isEqualTo(2);
        assertThat(ids(answer)).containsExactly("a2");
        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTITIONS, "0,1").doesNotContainKey(ClusterQueries.STALE);
    }

    @Test
    void whenThePartitionsKeepChangingOnlyThoseReadableThroughoutAreClaimed() {
        java.util.Iterator<Set<Integer>> readable = List.of(Set.of(0, 1), Set.of(0, 2), Set.of(0, 1), Set.of(0, 3)).iterator();
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), null, stale -> readable.next()), new FakePeers(), Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, new QueryScope("/api/customers", Map.of(), true, true), 10, stale -> List.of());

        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTITIONS, "0").containsEntry(ClusterQueries.STALE, "true");
    }

    @Test
    void anAnswerWithAMalformedPartitionsHeaderCountsAsFailed() throws Exception {
        FakePeers peers = new FakePeers().reply(B, "/api/customers?scope=local", 200, List.of(customer("b1", 0.4)), "1;2");
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> List.of(customer("a1", 0.2)));

        assertThat(ids(answer)).containsExactly("a1");
        assertThat(answer.headers()).containsEntry(ClusterQueries.PARTIAL, "b:2");
    }

    @Test
    void partitionsHeaderRoundTrips() {
        assertThat(ClusterQueries.formatPartitions(Set.of(2, 0, 11))).isEqualTo("0,2,11");
        assertThat(ClusterQueries.formatPartitions(Set.of())).isEqualTo("none");
        assertThat(ClusterQueries.parsePartitions("0,2,11")).containsExactly(0, 2, 11);
        assertThat(ClusterQueries.parsePartitions("none")).isEmpty();
    }

    @Test
    void whenNobodyCanAnswerTheAnswerIs503NamingEveryInstance() {
        var hosts = List.of(host(B, Set.of(0), Set.of()), host(C, Set.of(), Set.of(0)));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), new FakePeers(), Duration.ofSeconds(1));

        var answer = q.list(Dataset.ALERTS, cluster("/api/alerts", Map.of()), 10, stale -> List.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().toString()).contains("b:2", "c:3", "Connection refused");
    }

    @Test
    void forwardedRequestsAreAnsweredLocallyAndNeverForwardedAgain() {
        FakePeers peers = new FakePeers();
        var hosts = List.of(host(B, Set.of(0), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, new StoreLocator.KeyOwners(B, List.of())), peers, Duration.ofSeconds(1));
        boolean[] staleRead = new boolean[1];

        var list = q.list(Dataset.CUSTOMERS, new QueryScope("/api/customers", Map.of(), true, true), 10, stale -> {
            staleRead[0] = stale;
            return List.of(customer("x", 0.1));
        });
        var lookup = q.lookup("customers", "x", new QueryScope("/api/customers/x", Map.of(), true, false), stale -> Optional.empty(), NOT_FOUND);

        assertThat(peers.asked).isEmpty();
        assertThat(ids(list)).containsExactly("x");
        assertThat(staleRead[0]).isTrue();
        assertThat(list.headers()).containsEntry(ClusterQueries.STALE, "true");
        assertThat(lookup.status()).isEqualTo(404);
        assertThat(lookup.body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void aKeyIsLookedUpAtItsOwnerAndItsAnswerPassedOnAsIs() throws Exception {
        FakePeers peers = new FakePeers().reply(B, "/api/customers/c7?scope=local", 200, customer("c7", 0.7))
                .reply(B, "/api/customers/nobody?scope=local", 404, NOT_FOUND);
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), new StoreLocator.KeyOwners(B, List.of(A))), peers, Duration.ofSeconds(1));

        var found = q.lookup("customers", "c7", cluster("/api/customers/c7", Map.of()), stale -> {
            throw new AssertionError("the owner answers");
        }, NOT_FOUND);
        var missing = q.lookup("customers", "nobody", cluster("/api/customers/nobody", Map.of()), stale -> Optional.empty(), NOT_FOUND);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).isEqualTo(Map.of("customerId", "c7", "risk", 0.7));
        assertThat(found.headers()).containsEntry(ClusterQueries.ANSWERED_BY, "b:2").doesNotContainKey(ClusterQueries.STALE);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void whenTheOwnerIsDownALocalStandbyAnswersFromItsReplica() {
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), new StoreLocator.KeyOwners(B, List.of(A))), new FakePeers(), Duration.ofSeconds(1));

        var answer = q.lookup("customers", "c7", cluster("/api/customers/c7", Map.of()),
                stale -> stale ? Optional.of(customer("c7", 0.6)) : Optional.empty(), NOT_FOUND);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry(ClusterQueries.STALE, "true").containsEntry(ClusterQueries.ANSWERED_BY, "a:1");
    }

    @Test
    void anOwnerStillRestoringATaskItTookOverAnswersFromItsOwnReplicaMarkedStale() {
        // A took over B's tasks after B died: its active read fails while they restore, its stale read has them
        var hosts = List.of(host(A, Set.of(0), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, new StoreLocator.KeyOwners(A, List.of())), new FakePeers(), Duration.ofSeconds(1));
        ClusterQueries.LocalLookup lookup = stale -> {
            if (!stale) {
                throw new IllegalStateException("state stores are not queryable: restoring");
            }
            return Optional.of(customer("c7", 0.6));
        };

        var found = q.lookup("customers", "c7", cluster("/api/customers/c7", Map.of()), lookup, NOT_FOUND);
        var list = q.list(Dataset.CUSTOMERS, cluster("/api/customers", Map.of()), 10, stale -> {
            if (!stale) {
                throw new IllegalStateException("state stores are not queryable: restoring");
            }
            return List.of(customer("c7", 0.6), customer("c2", 0.2));
        });

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.headers()).containsEntry(ClusterQueries.STALE, "true").containsEntry(ClusterQueries.ANSWERED_BY, "a:1");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactly("c7", "c2");
        assertThat(list.headers()).containsEntry(ClusterQueries.STALE, "true").doesNotContainKey(ClusterQueries.PARTIAL);
    }

    @Test
    void aKeyMissingFromTheOwnersStillRestoringStoresIsA503NotA404() {
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), new StoreLocator.KeyOwners(A, List.of())), new FakePeers(), Duration.ofSeconds(1));

        var answer = q.lookup("customers", "c7", cluster("/api/customers/c7", Map.of()), stale -> {
            if (!stale) {
                throw new IllegalStateException("state stores are not queryable: restoring");
            }
            return Optional.empty();
        }, NOT_FOUND);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().toString()).contains("a:1", "still restoring");
    }

    @Test
    void anOwnerThatIsNotReadyCountsAsDownAndWithoutStandbysTheLookupIs503() throws Exception {
        FakePeers peers = new FakePeers().reply(B, "/api/customers/c7?scope=local", 503, Map.of("error", "not ready"));
        ClusterQueries q = new ClusterQueries(locator(A, List.of(), new StoreLocator.KeyOwners(B, List.of())), peers, Duration.ofSeconds(1));

        var answer = q.lookup("customers", "c7", cluster("/api/customers/c7", Map.of()), stale -> Optional.empty(), NOT_FOUND);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().toString()).contains("b:2", "503");
    }

    @Test
    void forwardedQueriesKeepTheirParametersButNotAScopeTheCallerSent() {
        var scope = new QueryScope("/api/alerts", new java.util.TreeMap<>(Map.of("segment", List.of("small business"), "status", List.of("firing"))), false, false);

        assertThat(scope.forwarded(false)).isEqualTo("/api/alerts?segment=small+business&status=firing&scope=local");
        assertThat(scope.forwarded(true)).endsWith("&scope=local&stale=true");
    }

    @Test
    void alertsMergeFiringFirstThenNewestWhateverTheFractionOfASecond() throws Exception {
        FakePeers peers = new FakePeers().reply(B, "/api/alerts?scope=local", 200, List.of(
                Map.of("fingerprint", "r", "status", "resolved", "startsAt", "2026-03-02T10:09:00Z"),
                Map.of("fingerprint", "f2", "status", "firing", "startsAt", "2026-03-02T10:00:00Z")));
        var hosts = List.of(host(A, Set.of(0), Set.of()), host(B, Set.of(1), Set.of()));
        ClusterQueries q = new ClusterQueries(locator(A, hosts, null), peers, Duration.ofSeconds(1));

        var answer = q.list(Dataset.ALERTS, cluster("/api/alerts", Map.of()), Integer.MAX_VALUE,
                stale -> List.of(Map.of("fingerprint", "f1", "status", "firing", "startsAt", "2026-03-02T10:00:00.500Z")));

        @SuppressWarnings("unchecked")
        var list = (List<Map<String, Object>>) answer.body();
        assertThat(list).extracting(m -> m.get("fingerprint")).containsExactly("f1", "f2", "r");
    }
}
