package io.touchpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts one plain JSON object (as people and other tools write it, not Avro's JSON
 * encoding) into a record of a topic's Avro schema: optional fields may be absent or null,
 * timestamps may be epoch millis or ISO-8601, enums are their symbol names. Every problem is
 * reported as an {@link IllegalArgumentException} naming the field.
 */
public final class JsonToAvro {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;

    public JsonToAvro(Schema schema) {
        this.schema = schema;
    }

    public GenericRecord convert(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return record(schema, node, "");
    }

    private GenericRecord record(Schema s, JsonNode node, String path) {
        GenericData.Record r = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
            String name = path + f.name();
            JsonNode v = node.get(f.name());
            if (v == null || v.isNull()) {
                if (f.hasDefaultValue()) {
                    r.put(f.pos(), GenericData.get().getDefaultValue(f));
                } else if (nullable(f.schema())) {
                    r.put(f.pos(), null);
                } else {
                    throw new IllegalArgumentException("required field '" + name + "' is missing");
                }
                continue;
            }
            r.put(f.pos(), value(f.schema(), v, name));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (s.getField(n) == null) {
                throw new IllegalArgumentException("unknown field '" + path + n + "' (schema " + s.getName() + " has " + fieldNames(s) + ")");
            }
        }
        return r;
    }

    private Object value(Schema s, JsonNode v, String name) {
        LogicalType lt = s.getLogicalType();
        if (lt != null && lt.getName().equals("timestamp-millis")) {
            return timestamp(v, name);
        }
        switch (s.getType()) {
            case UNION -> {
                for (Schema branch : s.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(branch, v, name);
                    }
                }
                throw new IllegalArgumentException("field '" + name + "' has no non-null type");
            }
            case STRING -> {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a string, got " + v.getNodeType().name().toLowerCase());
                }
                return v.asText();
            }
            case INT -> {
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a whole number, got " + v);
                }
                return v.intValue();
            }
            case LONG -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a whole number, got " + v);
                }
                return v.longValue();
            }
            case DOUBLE, FLOAT -> {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("field '" + name + "' must be a number, got " + v);
                }
                return s.getType() == Schema.Type.DOUBLE ? (Object) v.doubleValue() : (Object) v.floatValue();
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException("field '" + name + "' must be true or false, got " + v);
                }
                return v.booleanValue();
            }
            case ENUM -> {
                if (!v.isTextual() || !s.hasEnumSymbol(v.asText())) {
                    throw new IllegalArgumentException("field '" + name + "' must be one of " + s.getEnumSymbols() + ", got " + v);
                }
                return new GenericData.EnumSymbol(s, v.asText());
            }
            case ARRAY -> {
                if (!v.isArray()) {
                    throw new IllegalArgumentException("field '" + name + "' must be an array");
                }
                List<Object> out = new ArrayList<>();
                int i = 0;
                for (JsonNode item : v) {
                    out.add(value(s.getElementType(), item, name + "[" + i++ + "]"));
                }
                return new GenericData.Array<>(s, out);
            }
            case MAP -> {
                if (!v.isObject()) {
                    throw new IllegalArgumentException("field '" + name + "' must be an object");
                }
                Map<String, Object> out = new HashMap<>();
                v.fields().forEachRemaining(e -> out.put(e.getKey(), value(s.getValueType(), e.getValue(), name + "." + e.getKey())));
                return out;
            }
            case RECORD -> {
                if (!v.isObject()) {
                    throw new IllegalArgumentException("field '" + name + "' must be an object");
                }
                return record(s, v, name + ".");
            }
            default -> throw new IllegalArgumentException("field '" + name + "' has unsupported type " + s.getType());
        }
    }

    private static long timestamp(JsonNode v, String name) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException("field '" + name + "' is not a timestamp (epoch millis or ISO-8601): '" + t + "'");
                }
            }
        }
        throw new IllegalArgumentException("field '" + name + "' must be a timestamp (epoch millis or ISO-8601 string), got " + v);
    }

    private static boolean nullable(Schema s) {
        return s.getType() == Schema.Type.NULL || (s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL));
    }

    private static String fieldNames(Schema s) {
        return s.getFields().stream().map(Schema.Field::name).toList().toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
