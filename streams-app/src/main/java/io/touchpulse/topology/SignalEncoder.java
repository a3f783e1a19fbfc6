package io.touchpulse.topology;

import io.touchpulse.bytes.ByteWriter;
import io.touchpulse.schema.Signal;
import org.apache.avro.SchemaNormalization;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Signal} in Avro's single-object encoding, byte for byte what Avro's own writer produces, without
 * its generic walk over the schema: one signal is written per input event, and the generic writer (the generated
 * class has no custom coders, because of the timestamp-millis field) cost about a tenth of the stream thread.
 * <p>
 * Written for one version of the schema: {@link #FOR_SCHEMA} is its parsing fingerprint, which changes with any change
 * of the binary layout (fields, their order and types). For any other schema {@link #matchesSchema()} is false and
 * {@link AvroSerde} keeps Avro's writer; {@code SignalEncoderTest} fails until this class is brought up to date.
 */
final class SignalEncoder {
    static final long FOR_SCHEMA = -6527347414660886619L;
    private static final int INITIAL = 1024;

    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);
    private final byte[] header;

    private SignalEncoder(long fingerprint) {
        header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
    }

    static long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(Signal.getClassSchema());
    }

    static boolean matchesSchema() {
        return fingerprint() == FOR_SCHEMA;
    }

    /** A writer for the current schema, or null if this class was written for another one. */
    static SignalEncoder forCurrentSchema() {
        return matchesSchema() ? new SignalEncoder(FOR_SCHEMA) : null;
    }

    byte[] encode(Signal s) {
        // a serde is shared by the stream threads: each writes into its own buffer
        Writer w = writers.get();
        w.clear();
        w.raw(header);
        w.string(s.getEventId(), "eventId");
        w.varLong(required(s.getTimestamp(), "timestamp").toEpochMilli());
        w.varLong(required(s.getSource(), "source").ordinal());
        w.optString(s.getCustomerId());
        w.string(s.getSegment(), "segment");
        w.string(s.getTouchpoint(), "touchpoint");
        w.string(s.getChannel(), "channel");
        w.dbl(s.getCompound());
        w.string(s.getLabel(), "label");
        w.bool(s.getHasText());
        w.bool(s.getDissatisfied());
        w.strings(s.getReasons(), "reasons");
        w.optString(s.getText());
        w.strings(s.getTerms(), "terms");
        w.strings(s.getIntents(), "intents");
        w.doubles(s.getAspects());
        w.optInt(s.getHttpStatus());
        w.optInt(s.getLatencyMs());
        w.bool(s.getZeroResults());
        w.optInt(s.getCsat());
        w.optInt(s.getNps());
        w.optEnum(s.getKind());
        w.optEnum(s.getDirection());
        w.optString(s.getOutcome());
        w.optString(s.getCaseId());
        w.optString(s.getTopic());
        w.strings(s.getTags(), "tags");
        w.optInt(s.getDurationSec());
        w.bool(s.getQuestion());
        w.bool(s.getUnanswered());
        return w.toByteArray();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new NullPointerException("null value for (non-nullable) field Signal." + field);
        }
        return value;
    }

    /** Avro binary encoding (longs and ints are zigzag varints) into a growing array. */
    private static final class Writer extends ByteWriter {
        Writer() {
            super(INITIAL);
        }

        void varLong(long v) {
            signed(v);
        }

        void bool(boolean b) {
            write(b ? 1 : 0);
        }

        void dbl(double d) {
            ensure(8);
            long bits = Double.doubleToRawLongBits(d);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (bits >>> (8 * i));
            }
        }

        void string(String s, String field) {
            byte[] b = required(s, field).getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            raw(b);
        }

        void optString(String s) {
            if (s == null) {
                varLong(0);
            } else {
                varLong(1);
                string(s, null);
            }
        }

        void optInt(Integer v) {
            if (v == null) {
                varLong(0);
            } else {
                varLong(1);
                varLong(v);
            }
        }

        void optEnum(Enum<?> e) {
            if (e == null) {
                varLong(0);
            } else {
                varLong(1);
                varLong(e.ordinal());
            }
        }

        /** An array: one block with the count, the items, then the empty block. */
        void strings(List<String> items, String field) {
            if (!required(items, field).isEmpty()) {
                varLong(items.size());
                for (String item : items) {
                    string(item, field);
                }
            }
            varLong(0);
        }

        void doubles(Map<String, Double> map) {
            if (!required(map, "aspects").isEmpty()) {
                varLong(map.size());
                for (Map.Entry<String, Double> e : map.entrySet()) {
                    string(e.getKey(), "aspects");
                    dbl(required(e.getValue(), "aspects"));
                }
            }
            varLong(0);
        }
    }
}
