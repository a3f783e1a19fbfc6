package io.touchpulse.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customer-level insights the API serves: journey state and risk per customer, journey issues, ideas, trending terms.
 * Answers come from this instance's local stores as JSON-ready maps (camelCase, see docs/journeys.md); the cluster
 * layer forwards key lookups to their owner and merges lists from all instances. Throws IllegalStateException while
 * stores are not queryable.
 */
public interface InsightsView {
    Optional<Map<String, Object>> customer(String customerId);

    /** Most at-risk first; {@code segment} null for all. */
    List<Map<String, Object>> atRiskCustomers(String segment, double minRisk, int limit);

    /** Newest first; {@code type} and {@code customerId} null for all. */
    List<Map<String, Object>> journeyIssues(String type, String customerId, int limit);

    /** Highest weight first. */
    List<Map<String, Object>> ideas(int limit);

    /** Currently trending terms, highest score first; filters null for all. */
    List<Map<String, Object>> trends(String segment, String touchpoint);

    /** No customer stage (tests of the other endpoints, or the stage switched off). */
    InsightsView NONE = new InsightsView() {
        public Optional<Map<String, Object>> customer(String customerId) { return Optional.empty(); }
        public List<Map<String, Object>> atRiskCustomers(String segment, double minRisk, int limit) { return List.of(); }
        public List<Map<String, Object>> journeyIssues(String type, String customerId, int limit) { return List.of(); }
        public List<Map<String, Object>> ideas(int limit) { return List.of(); }
        public List<Map<String, Object>> trends(String segment, String touchpoint) { return List.of(); }
    };
}
