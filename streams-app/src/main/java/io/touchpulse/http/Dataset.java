package io.touchpulse.http;

import io.touchpulse.topology.Stores;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

/**
 * The list endpoints as the cluster layer merges them: which store answers, what identifies a record (answers from
 * several instances are de-duplicated on it; replicas overlap), and the endpoint's order, applied to the JSON maps so
 * local answers and forwarded ones sort alike. The orders repeat the local ones; a tie-breaker keeps merges stable.
 */
public enum Dataset {
    TOUCHPOINTS(Stores.TOUCHPOINT_LATEST, key("segment", "touchpoint"), text("segment").thenComparing(text("touchpoint"))),
    ALERTS(Stores.ALERTS, key("fingerprint"), Comparator.comparing((Map<String, Object> m) -> !"firing".equals(m.get("status")))
            .thenComparing(instant("startsAt").reversed()).thenComparing(text("fingerprint"))),
    CUSTOMERS(Stores.CUSTOMERS, key("customerId"), number("risk").reversed().thenComparing(text("customerId"))),
    JOURNEY_ISSUES(Stores.JOURNEY_ISSUES, key("issueId"), instant("detectedAt").reversed().thenComparing(text("issueId"))),
    IDEAS(Stores.IDEAS, key("ideaId"), number("weight").reversed().thenComparing(text("ideaId"))),
    TRENDS(Stores.TERM_TRENDS, key("segment", "touchpoint", "term"), number("score").reversed()
            .thenComparing(text("segment")).thenComparing(text("touchpoint")).thenComparing(text("term")));

    private final String store;
    private final Function<Map<String, Object>, String> key;
    private final Comparator<Map<String, Object>> order;

    Dataset(String store, Function<Map<String, Object>, String> key, Comparator<Map<String, Object>> order) {
        this.store = store;
        this.key = key;
        this.order = order;
    }

    public String store() {
        return store;
    }

    String keyOf(Map<String, Object> record) {
        return key.apply(record);
    }

    Comparator<Map<String, Object>> order() {
        return order;
    }

    private static Function<Map<String, Object>, String> key(String... fields) {
        return m -> {
            StringBuilder b = new StringBuilder();
            for (String f : fields) {
                b.append(m.get(f)).append('|');
            }
            return b.toString();
        };
    }

    // missing values sort last in every order (and their direction does not flip with reversed())
    private static Comparator<Map<String, Object>> text(String field) {
        return Comparator.comparing(m -> m.get(field) == null ? null : m.get(field).toString(), Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static Comparator<Map<String, Object>> number(String field) {
        return Comparator.comparing(m -> m.get(field) instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY);
    }

    /** ISO-8601 strings are parsed: their text order is wrong when fractions of a second differ ("…00Z" vs "…00.5Z"). */
    private static Comparator<Map<String, Object>> instant(String field) {
        return Comparator.comparing(m -> m.get(field) instanceof String s ? Instant.parse(s) : Instant.MIN);
    }
}
