package io.touchpulse.cli;

import io.touchpulse.http.AvroJson;
import io.touchpulse.http.InsightsView;
import io.touchpulse.journey.CustomerState;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.topology.IdeaBoardStage;
import io.touchpulse.topology.Stores;
import io.touchpulse.topology.TermTrendStage;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * {@link InsightsView} over this instance's state stores: the customer stage's customers and issues, the idea board and
 * the trending terms. {@code includeStandbys}: also read standby replicas (the cluster layer's fallback when an owner is down).
 */
final class LocalInsights implements InsightsView {
    private final LivePipeline live;
    private final boolean includeStandbys;

    private record Hit(String id, double risk, byte[] state) {}

    LocalInsights(LivePipeline live, boolean includeStandbys) {
        this.live = live;
        this.includeStandbys = includeStandbys;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return live.runtime().keyValueStore(name, includeStandbys);
    }

    @Override
    public Optional<Map<String, Object>> customer(String customerId) {
        return live.query(includeStandbys, () -> Optional.ofNullable(live.runtime().<byte[]>keyValueStoreFor(Stores.CUSTOMERS, customerId, includeStandbys).get(customerId))
                .map(b -> CustomerState.decode(b).toJson()));
    }

    /** A bounded heap over the scan: peeks risk and segment without decoding customers below the bar. */
    @Override
    public List<Map<String, Object>> atRiskCustomers(String segment, double minRisk, int limit) {
        return live.query(includeStandbys, () -> {
            PriorityQueue<Hit> top = new PriorityQueue<>(Comparator.comparingDouble(Hit::risk).thenComparing(Hit::id, Comparator.reverseOrder()));
            try (KeyValueIterator<String, byte[]> it = this.<byte[]>store(Stores.CUSTOMERS).all()) {
                it.forEachRemaining(kv -> {
                    double risk = CustomerState.peekRisk(kv.value);
                    if (risk < minRisk || (top.size() == limit && risk <= top.peek().risk())) {
                        return;
                    }
                    if (segment != null && !segment.equalsIgnoreCase(CustomerState.peekSegment(kv.value))) {
                        return;
                    }
                    top.add(new Hit(kv.key, risk, kv.value));
                    if (top.size() > limit) {
                        top.poll();
                    }
                });
            }
            List<Hit> hits = new ArrayList<>(top);
            hits.sort(Comparator.comparingDouble((Hit h) -> h.risk()).reversed().thenComparing(Hit::id));
            return hits.stream().map(h -> CustomerState.decode(h.state()).toSummaryJson()).toList();
        });
    }

    @Override
    public List<Map<String, Object>> journeyIssues(String type, String customerId, int limit) {
        return live.query(includeStandbys, () -> live.runtime().journeyIssues(includeStandbys).stream()
                .filter(i -> type == null || i.getType().name().equals(type))
                .filter(i -> customerId == null || i.getCustomerId().equals(customerId))
                .sorted(Comparator.comparing(JourneyIssue::getDetectedAt).reversed().thenComparing(JourneyIssue::getIssueId))
                .limit(limit).map(AvroJson::of).toList());
    }

    @Override
    public List<Map<String, Object>> ideas(int limit) {
        return live.query(includeStandbys, () -> IdeaBoardStage.topIdeas(this.<byte[]>store(Stores.IDEAS), limit).stream().map(AvroJson::of).toList());
    }

    @Override
    public List<Map<String, Object>> trends(String segment, String touchpoint) {
        return live.query(includeStandbys, () -> TermTrendStage.currentTrends(this.<byte[]>store(Stores.TERM_TRENDS), segment, touchpoint).stream()
                .map(AvroJson::of).toList());
    }
}
