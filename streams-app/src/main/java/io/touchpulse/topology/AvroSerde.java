package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Kafka serde for generated Avro classes in Avro's single-object encoding: a 2-byte marker,
 * the 8-byte schema fingerprint, then the binary body. Readers can therefore tell which
 * schema wrote a record without a schema registry, and reject bytes that are not ours.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

    static {
        // Avro 1.12 only instantiates trusted classes; our generated schema classes are.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                c -> c.getName().startsWith("io.touchpulse.schema.")));
    }

    private final BinaryMessageEncoder<T> encoder;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();
    /** Thread-safe once built (Avro's message decoders share one the same way). */
    private final SpecificDatumReader<T> reader;
    private final Class<T> type;
    private final long fingerprint;
    /** Hand-written writer for the one record written per event, when it matches the schema; else null. */
    private final SignalEncoder signals;

    private AvroSerde(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        org.apache.avro.Schema schema = model.getSchema(type);
        this.type = type;
        this.fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(schema);
        this.encoder = new BinaryMessageEncoder<>(new NullableUnions(model), schema);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
        this.signals = type == Signal.class ? SignalEncoder.forCurrentSchema() : null;
    }

    public static <T extends SpecificRecordBase> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            if (signals != null) {
                return signals.encode((Signal) data);
            }
            ByteBuffer buf = encoder.encode(data);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + data.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        String header = AvroBytes.headerProblem(data, fingerprint, type);
        if (header != null) {
            throw new SerializationException(header);
        }
        // the header is checked: the body is read straight from the array (Avro's message decoder reads it again,
        // byte by byte through a synchronized stream, which cost as much as decoding the body)
        BinaryDecoder reuse = DECODERS.get();
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, AvroBytes.HEADER, data.length - AvroBytes.HEADER, reuse);
        if (reuse == null) {
            DECODERS.set(in); // later calls on this thread re-aim the same decoder
        }
        T value;
        int left;
        try {
            value = reader.read(null, in);
            left = in.isEnd() ? 0 : in.inputStream().available();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(type.getSimpleName() + " body is corrupt or truncated (" + data.length + " bytes): "
                    + AvroBytes.rootCause(e), e);
        }
        if (left > 0) {
            // a body that decodes but leaves bytes over was not written with this schema, whatever its header says
            throw new SerializationException(type.getSimpleName() + " body decoded with " + left
                    + " bytes left over: corrupt, or written with a different schema under the same fingerprint");
        }
        return value;
    }

    /**
     * The generated model, except that a union of null and one type is resolved by whether the value is null: Avro
     * looks every union value's branch up by type name, a third of the cost of writing our records, whose unions are
     * all of that kind.
     */
    private static final class NullableUnions extends SpecificData {
        NullableUnions(SpecificData model) {
            super(model.getClassLoader());
            model.getConversions().forEach(this::addLogicalTypeConversion);
        }

        @Override
        public int resolveUnion(org.apache.avro.Schema union, Object datum) {
            java.util.List<org.apache.avro.Schema> types = union.getTypes();
            if (types.size() == 2) {
                int nullAt = types.get(0).getType() == org.apache.avro.Schema.Type.NULL ? 0
                        : types.get(1).getType() == org.apache.avro.Schema.Type.NULL ? 1 : -1;
                if (nullAt >= 0) {
                    return datum == null ? nullAt : 1 - nullAt;
                }
            }
            return super.resolveUnion(union, datum);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
