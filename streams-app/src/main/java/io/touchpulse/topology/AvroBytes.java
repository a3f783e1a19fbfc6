package io.touchpulse.topology;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.Idea;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SurveyDecision;
import io.touchpulse.schema.TermTrend;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.schema.WebTraffic;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Says what is wrong with bytes that are not a record of the expected type, before Avro tries
 * to decode them, so a dead letter's message tells an operator which producer to look at:
 * not Avro at all, the Confluent schema-registry wire format, another Touchpulse record type on
 * the wrong topic, or a schema (version) this reader does not know.
 */
final class AvroBytes {
    /** Avro single-object encoding: 0xC3 0x01, then the schema's 8-byte little-endian CRC-64-AVRO fingerprint. */
    static final int HEADER = 10;
    private static final Map<Long, String> KNOWN = known(List.of(WebTraffic.getClassSchema(), SearchEvent.getClassSchema(),
            Interaction.getClassSchema(), CustomerProfile.getClassSchema(), Signal.getClassSchema(), TouchpointHealth.getClassSchema(),
            Alert.getClassSchema(), CustomerRisk.getClassSchema(), JourneyIssue.getClassSchema(), SurveyDecision.getClassSchema(),
            Idea.getClassSchema(), TermTrend.getClassSchema()));

    private AvroBytes() {}

    /** Null when the header is that of {@code expected}, else the problem in words. */
    static String headerProblem(byte[] data, long expected, Class<?> type) {
        String want = type.getSimpleName();
        if (data.length == 0) {
            return "empty value: expected a " + want + " in Avro single-object encoding";
        }
        if (data[0] == 0 && data.length >= 5) {
            int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
            return "Confluent schema-registry wire format (magic byte 0, schema id " + id + "): Touchpulse reads Avro single-object"
                    + " encoding (0xC3 0x01 + fingerprint); produce " + want + " without the registry serializer";
        }
        if (data.length < 2 || (data[0] & 0xff) != 0xC3 || data[1] != 0x01) {
            return "not Avro single-object encoding (first bytes " + hex(data, 4) + ", expected C3 01): expected a " + want;
        }
        if (data.length < HEADER) {
            return "truncated Avro header (" + data.length + " bytes): expected a " + want;
        }
        long fp = 0;
        for (int i = 9; i >= 2; i--) {
            fp = (fp << 8) | (data[i] & 0xff);
        }
        if (fp == expected) {
            return null;
        }
        String other = KNOWN.get(fp);
        return other != null
                ? "a " + other + " record on a topic of " + want + " records (wrong topic?)"
                : "unknown schema: fingerprint " + Long.toHexString(fp) + " is not " + want + "'s (" + Long.toHexString(expected)
                  + "); a different record type or a schema version this reader cannot resolve";
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static String hex(byte[] b, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(max, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xff));
        }
        return s.toString();
    }

    private static Map<Long, String> known(List<Schema> schemas) {
        Map<Long, String> m = new HashMap<>();
        schemas.forEach(s -> m.put(SchemaNormalization.parsingFingerprint64(s), s.getName()));
        return Map.copyOf(m);
    }
}
