package io.touchpulse.http;

import io.touchpulse.text.PiiRedactor;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Avro record as the API's JSON object, field by field from its schema: same camelCase names as the topic, times as
 * ISO-8601, enums as their symbol. Customer-written text fields are redacted once more on the way out (defence in
 * depth: they were redacted when scored), so no outward path depends on one earlier step.
 */
public final class AvroJson {
    private static final Set<String> TEXT_FIELDS = Set.of("text", "examples", "verbatims", "sampleVerbatims");

    private AvroJson() {}

    public static Map<String, Object> of(IndexedRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : r.getSchema().getFields()) {
            m.put(f.name(), value(r.get(f.pos()), TEXT_FIELDS.contains(f.name())));
        }
        return m;
    }

    private static Object value(Object v, boolean text) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof CharSequence s) {
            return text ? PiiRedactor.redact(s.toString()) : s.toString();
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof GenericEnumSymbol<?> e) {
            return e.toString();
        }
        if (v instanceof IndexedRecord rec) {
            return of(rec);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, x) -> out.put(k.toString(), value(x, text)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(value(x, text)));
            return out;
        }
        return v.toString();
    }
}
