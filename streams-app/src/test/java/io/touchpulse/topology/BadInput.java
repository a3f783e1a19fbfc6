package io.touchpulse.topology;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every class of bad input from issue 8, as the raw bytes a producer could send, with the dead-letter
 * reason and message fragment the pipeline must answer with; and the odd-but-good records it must
 * process (null keys, invalid UTF-8 in a free text, Kafka record timestamps far away). Shared by the
 * driver test and the end-to-end test.
 */
public final class BadInput {
    /** One record to produce; {@code reason} null = a good record that must be processed. */
    public record Case(String name, String topic, String key, byte[] value, Instant kafkaTime, String reason, String message) {
        public byte[] keyBytes() {
            return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        }
    }

    private BadInput() {}

    public static WebTraffic web(String id, String customer, Instant at) {
        return WebTraffic.newBuilder().setEventId(id).setTimestamp(at).setCustomerId(customer).setTouchpoint("checkout")
                .setHttpStatus(200).setLatencyMs(120).build();
    }

    public static SearchEvent search(String id, String customer, Instant at, String query) {
        return SearchEvent.newBuilder().setEventId(id).setTimestamp(at).setCustomerId(customer).setQuery(query).setResultCount(3).build();
    }

    public static Interaction chat(String id, String customer, Instant at, String text) {
        return Interaction.newBuilder().setEventId(id).setTimestamp(at).setCustomerId(customer).setKind(InteractionKind.CHAT)
                .setDirection(Direction.INBOUND).setTouchpoint("support-chat").setChannel("chat").setText(text).build();
    }

    public static byte[] bytes(WebTraffic w) {
        return AvroSerde.of(WebTraffic.class).serialize(null, w);
    }

    public static byte[] bytes(SearchEvent s) {
        return AvroSerde.of(SearchEvent.class).serialize(null, s);
    }

    public static byte[] bytes(Interaction i) {
        return AvroSerde.of(Interaction.class).serialize(null, i);
    }

    /**
     * The bad records for the three event topics and the odd-but-good ones, all with event times in
     * [at, at + 50 s) unless the case is about the time; {@code now} is the pipeline's clock.
     */
    public static List<Case> cases(Topics t, Instant at, Instant now) {
        List<Case> c = new ArrayList<>();
        Instant future = now.plus(Duration.ofDays(3));
        Instant past = now.minus(Duration.ofDays(60));
        String huge = "this text is far too long ".repeat(1000);
        byte[] profile = AvroSerde.of(CustomerProfile.class).serialize(null, CustomerProfile.newBuilder().setCustomerId("p").setSegment("premium").build());
        for (String topic : List.of(t.webTraffic(), t.search(), t.interactions())) {
            byte[] good = goodBytes(t, topic, "x-" + topic, "cust-AAAA", at);
            c.add(bad("not Avro", topic, "not avro at all".getBytes(StandardCharsets.UTF_8), "DESERIALIZATION", "not Avro single-object encoding"));
            c.add(bad("Confluent wire format", topic, confluent(good), "DESERIALIZATION", "Confluent schema-registry wire format"));
            c.add(bad("another record type", topic, profile, "DESERIALIZATION", "a CustomerProfile record on a topic of"));
            c.add(bad("unknown schema", topic, unknownFingerprint(good), "DESERIALIZATION", "unknown schema"));
            c.add(bad("truncated", topic, Arrays.copyOf(good, good.length - 3), "DESERIALIZATION", "corrupt or truncated"));
            c.add(bad("bytes left over", topic, Arrays.copyOf(good, good.length + 5), "DESERIALIZATION", "bytes left over"));
            c.add(bad("empty value", topic, new byte[0], "DESERIALIZATION", "empty value"));
            c.add(bad("tombstone", topic, null, "INVALID", "no value (tombstone)"));
            c.add(bad("missing eventId", topic, goodBytes(t, topic, " ", "c-1", at), "INVALID", "eventId is missing"));
            c.add(bad("future event time", topic, goodBytes(t, topic, "fut-" + topic, "c-1", future), "INVALID", "in the future"));
            c.add(bad("past event time", topic, goodBytes(t, topic, "past-" + topic, "c-1", past), "INVALID", "is older than"));
            c.add(bad("invalid UTF-8 in an id", topic, patch(good, "AAAA", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, 0x41}),
                    "INVALID", "customerId 'cust-"));
            c.add(bad("id too long", topic, goodBytes(t, topic, "id-" + "9".repeat(300), "c-1", at), "INVALID", "eventId has 303 characters"));
            // odd but good: must be processed and counted
            c.add(new Case("null key", topic, null, goodBytes(t, topic, "nullkey-" + topic, "c-2", at.plusSeconds(1)), null, null, null));
            c.add(new Case("Kafka timestamp in the year 2999", topic, "c-3", goodBytes(t, topic, "y2999-" + topic, "c-3", at.plusSeconds(2)),
                    Instant.parse("2999-01-01T00:00:00Z"), null, null));
            c.add(new Case("Kafka timestamp 0 (1970)", topic, "c-3", goodBytes(t, topic, "y1970-" + topic, "c-3", at.plusSeconds(3)),
                    Instant.EPOCH, null, null));
        }
        c.add(bad("missing touchpoint", t.webTraffic(), bytes(WebTraffic.newBuilder(web("no-tp", "c-1", at)).setTouchpoint(" ").build()),
                "INVALID", "touchpoint is missing"));
        c.add(bad("missing query", t.search(), bytes(search("no-q", "c-1", at, "  ")), "INVALID", "query is missing"));
        c.add(bad("huge query", t.search(), bytes(search("huge-q", "c-1", at, huge)), "INVALID", "more than validation.max-text-chars"));
        c.add(bad("huge text", t.interactions(), bytes(chat("huge-t", "c-1", at, huge)), "INVALID", "more than validation.max-text-chars"));
        c.add(bad("unknown enum symbol", t.interactions(), enumOutOfRange(at), "DESERIALIZATION", "Enumeration out of range"));
        c.add(bad("unknown channel name", t.interactions(), bytes(Interaction.newBuilder(chat("bad-ch", "c-1", at, "hi")).setChannel("ph@ne").build()),
                "INVALID", "channel 'ph@ne'"));
        c.add(bad("csat out of range", t.interactions(), bytes(Interaction.newBuilder(chat("csat", "c-1", at, "hi")).setCsat(9).build()), "INVALID", "csat 9"));
        c.add(new Case("invalid UTF-8 in a text", t.interactions(), "c-4",
                patch(bytes(chat("utf8-text", "c-4", at.plusSeconds(4), "great BBBB service")), "BBBB", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, 0x42}),
                null, null, null));
        return c;
    }

    private static Case bad(String name, String topic, byte[] value, String reason, String message) {
        return new Case(name, topic, "bad-key", value, null, reason, message);
    }

    private static byte[] goodBytes(Topics t, String topic, String id, String customer, Instant at) {
        if (topic.equals(t.webTraffic())) {
            return bytes(web(id, customer, at));
        }
        if (topic.equals(t.search())) {
            return bytes(search(id, customer, at, "red shoes"));
        }
        return bytes(chat(id, customer, at, "thanks for the help"));
    }

    /** The Confluent serializer's framing: magic byte 0, a 4-byte schema id, then the plain Avro body. */
    private static byte[] confluent(byte[] singleObject) {
        byte[] out = new byte[5 + singleObject.length - AvroBytes.HEADER];
        out[4] = 42;
        System.arraycopy(singleObject, AvroBytes.HEADER, out, 5, singleObject.length - AvroBytes.HEADER);
        return out;
    }

    private static byte[] unknownFingerprint(byte[] good) {
        byte[] out = good.clone();
        for (int i = 2; i < AvroBytes.HEADER; i++) {
            out[i] ^= 0x5A;
        }
        return out;
    }

    /** Kind is the enum right after customerId; index 20 of a 9-symbol enum (a writer with symbols we do not know). */
    private static byte[] enumOutOfRange(Instant at) {
        byte[] b = bytes(chat("enum", "cust-enum", at, "hi"));
        int i = indexOf(b, "cust-enum".getBytes(StandardCharsets.UTF_8)) + "cust-enum".length();
        b[i] = 40; // zig-zag 20
        return b;
    }

    /** Replaces the first occurrence of an ASCII marker by as many other bytes, keeping every Avro length right. */
    private static byte[] patch(byte[] b, String marker, byte[] with) {
        byte[] out = b.clone();
        int i = indexOf(out, marker.getBytes(StandardCharsets.UTF_8));
        if (i < 0 || with.length != marker.length()) {
            throw new IllegalArgumentException("marker " + marker + " not found");
        }
        System.arraycopy(with, 0, out, i, with.length);
        return out;
    }

    private static int indexOf(byte[] h, byte[] n) {
        outer:
        for (int i = 0; i <= h.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (h[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
