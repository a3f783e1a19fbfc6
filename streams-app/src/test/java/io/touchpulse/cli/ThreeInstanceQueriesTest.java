package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpulse.cli.ClusterOnBroker.Reply;
import io.touchpulse.http.ClusterQueries;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.touchpulse.cli.ClusterOnBroker.address;
import static io.touchpulse.cli.ClusterOnBroker.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application on the embedded broker (3 input partitions): the customer tasks spread over
 * several instances, so a list is merged from more than one owner and a lookup may be forwarded to either of the two
 * others. Then one instance owning customer tasks (and the touchpoint windows, if it can be arranged) is stopped while
 * four threads ask the two survivors every list and the lookups of ~50 customers, over and over, until both have
 * answered everything as the owners for a while. Unlike with two instances, the survivors then hold new standby
 * replicas of each other's tasks, which start empty, and the rebalance may move tasks between the survivors too.
 * <ul>
 *   <li>{@code standby.replicas=1}: every list answer is a complete 200 (every customer, touchpoint and journey issue
 *   seen before the stop), never {@value ClusterQueries#PARTIAL}, from replicas ({@value ClusterQueries#STALE}) until
 *   the survivors own the tasks; every lookup a 200 with the customer's state, or a 503 with the reason.
 *   <li>{@code standby.replicas=0}: the stopped instance's records are missing until a survivor has restored them, and
 *   the answers say so: {@value ClusterQueries#PARTIAL} naming the stopped instance (or, after the rebalance, the
 *   survivor still restoring), a 503 with the reason for a lookup; never an incomplete answer that looks complete.
 * </ul>
 * Printed, not asserted: how long until every answer was complete again and until the survivors answered as owners.
 */
class ThreeInstanceQueriesTest {
    private static final List<String> LISTS = List.of("/api/touchpoints", "/api/alerts", "/api/customers?limit=20",
            "/api/journey-issues", "/api/ideas", "/api/trends");
    /** Every customer: the simulation has fewer (600 with a profile, ~3% more without) than the limit. */
    private static final String ALL_CUSTOMERS = "/api/customers?limit=1000";
    private ClusterOnBroker cluster;
    private List<AppServices> apps;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Kafka Streams counts a replica within acceptable.recovery.lag (default 10,000 records) of its changelog as caught
     * up: it gives it active tasks at once, and a stale read answers from it. This test's stores hold a few dozen to a few
     * hundred records per partition, so by default an empty replica would count as caught up; a real store is far larger
     * than the lag. 5 keeps that relation: a current replica lags 0-1 record per store partition.
     */
    private static Map<String, String> settings(int standbys) {
        return Map.of("application.id", "tp-three", "topic.partitions", "3", "standby.replicas", String.valueOf(standbys),
                "kafka.acceptable.recovery.lag", "5");
    }

    @ParameterizedTest(name = "standby.replicas={0}")
    @ValueSource(ints = {1, 0})
    void threeInstancesAnswerAlikeAndTwoSurvivorsKeepAnsweringAfterOneStops(int standbys) throws Exception {
        long testStart = System.nanoTime();
        cluster = ClusterOnBroker.start(3, settings(standbys));
        apps = cluster.apps;
        cluster.produceTraffic(600); // as in ClusterQueriesIntegrationTest, fewer customers

        // 1. every list answers the same on all three, merged from every owner, complete
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                sameOnAll("/api/touchpoints") && get(apps.get(0), "/api/touchpoints").json().size() >= 10);
        for (String path : LISTS) {
            // windows keep closing for a while (idle partitions' watermarks): same answers once all have read the same state
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).alias(path + " is the same on all three")
                    .until(() -> sameOnAll(path));
        }
        Set<String> customerOwners = activeHosts(Stores.CUSTOMERS);
        assertThat(customerOwners).as("3 customer tasks over 3 instances").hasSizeGreaterThan(1);
        for (AppServices app : apps) {
            for (String path : LISTS) {
                Reply r = get(app, path);
                assertThat(r.partial()).as(path + " on " + address(app)).isNull();
                assertThat(r.stale()).as(path + " on " + address(app)).isNull();
            }
            assertThat(Set.of(get(app, "/api/customers?limit=20").answeredBy().split(",")))
                    .as("the customers list on %s is merged from every instance with active customer tasks", address(app))
                    .isEqualTo(customerOwners);
        }

        // each instance's own answer (as forwarded) names the partitions it read: its active ones, together all three once
        Set<Integer> covered = new TreeSet<>();
        for (AppServices app : apps) {
            Reply local = get(app, ALL_CUSTOMERS + "&scope=local");
            Set<Integer> own = app.pipeline.storeAssignment(Stores.CUSTOMERS).stream()
                    .filter(a -> (a.host().host() + ":" + a.host().port()).equals(address(app)))
                    .flatMap(a -> a.active().stream()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(local.partitions()).as("partitions read on " + address(app)).isEqualTo(own.isEmpty() ? "none"
                    : own.stream().map(String::valueOf).collect(Collectors.joining(",")));
            assertThat(covered).as("no partition read twice").doesNotContainAnyElementsOf(own);
            covered.addAll(own);
        }
        assertThat(covered).containsExactly(0, 1, 2);

        // 2. lookups: the same customer on all three, some of them through another instance
        Set<String> customerIds = ids(get(apps.get(0), ALL_CUSTOMERS).json(), "customerId");
        assertThat(customerIds).hasSizeBetween(100, 999);
        Map<String, JsonNode> lookups = new LinkedHashMap<>();
        Map<String, String> ownerOf = new TreeMap<>();
        int forwarded = 0;
        int i = 0;
        for (String id : customerIds) {
            if (i++ % 8 != 0) {
                continue; // a sample of ~50 customers, enough for all three partitions
            }
            String path = "/api/customers/" + id;
            Reply first = get(apps.get(0), path);
            assertThat(first.status()).as(id).isEqualTo(200);
            lookups.put(path, first.json());
            ownerOf.put(path, first.answeredBy());
            for (AppServices app : apps) {
                Reply r = get(app, path);
                assertThat(r.status()).as(id + " on " + address(app)).isEqualTo(200);
                assertThat(r.json()).as(id + " is the same on all three").isEqualTo(first.json());
                assertThat(r.answeredBy()).as(id + ": one owner").isEqualTo(first.answeredBy());
                assertThat(r.stale()).isNull();
                forwarded += r.answeredBy().equals(address(app)) ? 0 : 1;
            }
        }
        assertThat(forwarded).as("lookups forwarded to the owner").isGreaterThan(0);

        // 3. stop an owner of customer tasks (the touchpoint windows' owner if it is one) while the survivors are asked everything
        Set<String> windowOwner = activeHosts(Stores.TOUCHPOINT_LATEST);
        AppServices victim = apps.stream().filter(a -> customerOwners.contains(address(a)) && windowOwner.contains(address(a))).findFirst()
                .orElseGet(() -> apps.stream().filter(a -> customerOwners.contains(address(a))).findFirst().orElseThrow());
        String stopped = address(victim); // its port is gone once it is closed
        long victimsCustomers = ownerOf.values().stream().filter(stopped::equals).count();
        assertThat(victimsCustomers).as("sampled customers the stopped instance owns").isPositive();
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String path : LISTS) {
            before.put(path, get(victim, path).json());
        }
        List<AppServices> survivors = apps.stream().filter(a -> a != victim).toList();
        System.out.printf("three: standby.replicas=%d: stopping %s (windows owner: %s; customer owners %s) with %d customers, %d sampled, %d of them its own%n",
                standbys, stopped, windowOwner.contains(stopped), customerOwners, customerIds.size(), lookups.size(), victimsCustomers);

        Check check = new Check(standbys > 0, customerIds, lookups, before);
        List<Probe> probes = new ArrayList<>();
        for (AppServices app : survivors) {
            probes.add(new Probe(app, concat(LISTS, List.of(ALL_CUSTOMERS)), check));
            probes.add(new Probe(app, List.copyOf(lookups.keySet()), check));
        }
        long t0;
        long closed;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> probes.stream().allMatch(p -> p.rounds() >= 1));
            t0 = System.nanoTime();
            apps.remove(victim);
            victim.close();
            closed = System.nanoTime();
            // the rebalance is over, and both survivors have answered everything as the owners for a while
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    survivors.stream().allMatch(a -> a.pipeline.isRunning())
                            && !activeHosts(Stores.CUSTOMERS).contains(stopped) && !activeHosts(Stores.TOUCHPOINT_LATEST).contains(stopped)
                            && probes.stream().allMatch(p -> p.ownedFor() > 1500));
        } finally {
            for (Probe p : probes) {
                p.close();
            }
        }
        List<Sample> all = probes.stream().flatMap(p -> p.samples().stream()).sorted(Comparator.comparingLong(Sample::at)).toList();
        List<Sample> after = all.stream().filter(s -> s.at() > t0).toList();
        long lastIncomplete = after.stream().filter(s -> !s.verdict().complete()).mapToLong(s -> s.ms(t0)).max().orElse(-1);
        long lastNotOwned = after.stream().filter(s -> s.verdict() != Verdict.OWNED).mapToLong(s -> s.ms(t0)).max().orElse(-1);
        Map<Verdict, Long> counts = after.stream().collect(Collectors.groupingBy(Sample::verdict, TreeMap::new, Collectors.counting()));
        System.out.printf("three: standby.replicas=%d: close() took %d ms; after close() began, the survivors' last incomplete answer came at %d ms, "
                        + "the last one not answered as the owners (stale, partial or 503) at %d ms; answers after close(): %s%n",
                standbys, (closed - t0) / 1_000_000, lastIncomplete, lastNotOwned, counts);
        after.stream().filter(s -> !s.verdict().complete()).limit(5).forEach(s -> System.out.println("three: incomplete " + s.describe(t0)));
        // a survivor named: it owned partitions (in the asker's view) that it could not answer for yet (restoring, or its own view lagging)
        System.out.printf("three: standby.replicas=%d: partial answers by the instances they name: %s%n", standbys, after.stream()
                .filter(s -> s.verdict() == Verdict.PARTIAL).collect(Collectors.groupingBy(Sample::partial, TreeMap::new, Collectors.counting())));
        // before the stop too: every answer must be the owners'
        List<String> wrong = all.stream().filter(s -> s.verdict() == Verdict.WRONG).map(s -> s.describe(t0)).toList();
        wrong.stream().limit(20).forEach(w -> System.out.println("three: wrong " + w));
        assertThat(wrong).as("wrong answers of the survivors (incomplete without saying so, or failed)").isEmpty();
        if (standbys == 0) {
            assertThat(after.stream().filter(s -> s.verdict() == Verdict.PARTIAL).map(Sample::why))
                    .as("without replicas the lists say whose records are missing").anyMatch(why -> why.contains("partial " + stopped));
        }

        // afterwards: the two survivors agree on everything and answer every customer as the owners
        for (String path : LISTS) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).alias(path + " is the same on both survivors")
                    .until(() -> sameOnAll(path));
        }
        for (AppServices app : survivors) {
            Reply r = get(app, ALL_CUSTOMERS);
            assertThat(r.partial()).isNull();
            assertThat(r.stale()).isNull();
            assertThat(ids(r.json(), "customerId")).as("every customer on " + address(app)).isEqualTo(customerIds);
            for (Map.Entry<String, JsonNode> c : lookups.entrySet()) {
                Reply l = get(app, c.getKey());
                assertThat(l.status()).as(c.getKey() + " on " + address(app)).isEqualTo(200);
                assertThat(l.stale()).as(c.getKey() + " on " + address(app)).isNull();
                assertThat(l.json()).as(c.getKey() + " on " + address(app)).isEqualTo(c.getValue());
            }
        }
        System.out.printf("three: standby.replicas=%d: test took %d ms%n", standbys, (System.nanoTime() - testStart) / 1_000_000);
    }

    /**
     * A survivor's answer: complete and the owners' (OWNED), complete from replicas (STALE), saying what it lacks
     * (PARTIAL: a list naming the instances whose records are missing; only without replicas), not yet (NOT_YET: a 503
     * with the reason, for a lookup; also for a list without replicas), or WRONG (anything else, e.g. a list that lacks
     * records without saying so, a 404 for a customer that exists).
     */
    enum Verdict {
        OWNED, STALE, PARTIAL, NOT_YET, WRONG;

        boolean complete() {
            return this == OWNED || this == STALE;
        }
    }

    /** @param partial the answer's Partial header (null: none) */
    record Sample(long at, String host, String path, Verdict verdict, String why, String partial) {
        long ms(long zero) {
            return (at - zero) / 1_000_000;
        }

        String describe(long zero) {
            return String.format("%d ms %s %s: %s %s", ms(zero), host, path, verdict, why);
        }
    }

    /**
     * What a complete answer is. Lists: a 200 holding every customer, touchpoint and journey issue seen before the stop
     * (nothing is produced any more, so nothing goes away). Lookups: a 200 with the customer's state as before.
     */
    private record Check(boolean replicas, Set<String> customerIds, Map<String, JsonNode> lookups, Map<String, JsonNode> before) {
        Sample of(long at, String host, String path, Reply r) {
            String from = "(stale " + r.stale() + ", partial " + r.partial() + ", answered by " + r.answeredBy() + ")";
            String missing = lacks(path, r);
            Verdict v;
            if (r.status() == 503 && !r.json().path("error").asText().isEmpty() && (lookups.containsKey(path) || !replicas)) {
                v = Verdict.NOT_YET;
            } else if (r.status() != 200) {
                v = Verdict.WRONG;
            } else if (r.partial() != null) {
                v = replicas || lookups.containsKey(path) ? Verdict.WRONG : Verdict.PARTIAL;
            } else if (missing != null) {
                v = Verdict.WRONG;
            } else {
                v = r.stale() == null ? Verdict.OWNED : Verdict.STALE;
            }
            String why = v.complete() ? from : r.status() + " " + from + (missing == null ? "" : " " + missing)
                    + (r.status() == 200 ? "" : " " + abbreviate(r.json().toString()));
            return new Sample(at, host, path, v, why, r.partial());
        }

        /** What the 200 answer lacks, null if nothing. */
        private String lacks(String path, Reply r) {
            if (r.status() != 200) {
                return null;
            }
            if (lookups.containsKey(path)) {
                return r.json().equals(lookups.get(path)) ? null : "another state: " + abbreviate(r.json().toString());
            }
            Set<String> lacking = switch (path) {
                case ALL_CUSTOMERS -> missing(customerIds, ids(r.json(), "customerId"));
                case "/api/touchpoints" -> missing(touchpoints(before.get(path)), touchpoints(r.json()));
                case "/api/journey-issues" -> missing(ids(before.get(path), "issueId"), ids(r.json(), "issueId"));
                default -> Set.of();
            };
            return lacking.isEmpty() ? null : "missing " + lacking.size() + " records, e.g. " + lacking.stream().limit(5).toList();
        }
    }

    /** Asks one survivor the same queries over and over, on a thread of its own, and keeps every answer's verdict. */
    private static final class Probe implements AutoCloseable {
        private final AppServices app;
        private final List<String> paths;
        private final Check check;
        private final List<Sample> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stop;
        private volatile int rounds;
        /** When the last answer that was not the owners' was asked, and the last answer at all. */
        private volatile long lastNotOwned = System.nanoTime();
        private volatile long last = System.nanoTime();

        Probe(AppServices app, List<String> paths, Check check) {
            this.app = app;
            this.paths = paths;
            this.check = check;
            this.thread = new Thread(this::run, "probe-" + address(app));
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!stop) {
                for (String path : paths) {
                    long at = System.nanoTime();
                    Sample s;
                    try {
                        s = check.of(at, address(app), path, get(app, path));
                    } catch (Exception e) {
                        s = new Sample(at, address(app), path, Verdict.WRONG, "no answer: " + e, null);
                    }
                    if (stop) {
                        return; // an answer cut short by close() is not the instance's doing
                    }
                    synchronized (samples) {
                        samples.add(s);
                    }
                    if (s.verdict() != Verdict.OWNED) {
                        lastNotOwned = at;
                    }
                    last = at;
                }
                rounds++;
            }
        }

        int rounds() {
            return rounds;
        }

        /** How long (ms) every answer has been the owners': complete and not stale. */
        long ownedFor() {
            return (last - lastNotOwned) / 1_000_000;
        }

        List<Sample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(15_000);
        }
    }

    /** Whether every instance still running answers {@code path} with a 200 and the same JSON. */
    private boolean sameOnAll(String path) throws Exception {
        JsonNode first = null;
        for (AppServices app : apps) {
            Reply r = get(app, path);
            if (r.status() != 200 || (first != null && !first.equals(r.json()))) {
                return false;
            }
            first = r.json();
        }
        return true;
    }

    /** The instances with active tasks of {@code store}, as the running instances' metadata says. */
    private Set<String> activeHosts(String store) {
        Set<String> out = new TreeSet<>();
        for (PipelineRuntime.StoreAssignment a : apps.get(0).pipeline.storeAssignment(store)) {
            if (!a.active().isEmpty()) {
                out.add(a.host().host() + ":" + a.host().port());
            }
        }
        return out;
    }

    private static Set<String> ids(JsonNode list, String field) {
        Set<String> out = new TreeSet<>();
        list.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static Set<String> touchpoints(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(t -> out.add(t.get("segment").asText() + "|" + t.get("touchpoint").asText()));
        return out;
    }

    private static Set<String> missing(Set<String> expected, Set<String> actual) {
        Set<String> out = new TreeSet<>(expected);
        out.removeAll(actual);
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
