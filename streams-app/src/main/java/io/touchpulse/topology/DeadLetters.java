package io.touchpulse.topology;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * How a record lands on tp.dlq: the original key and value bytes, untouched, plus headers
 * saying why and where it came from, so it can be inspected, fixed and replayed.
 * <ul>
 *   <li>{@code tp.error.reason}: DESERIALIZATION (not our Avro / unknown schema), INVALID
 *       (decodes but a field is missing or impossible), LATE (after its window closed),
 *       PROCESSING (an unexpected failure while processing)</li>
 *   <li>{@code tp.error.message}, {@code tp.error.exception}</li>
 *   <li>{@code tp.source.topic}, {@code tp.source.partition}, {@code tp.source.offset},
 *       {@code tp.source.processor}</li>
 * </ul>
 */
public final class DeadLetters {
    public static final String REASON = "tp.error.reason";
    public static final String MESSAGE = "tp.error.message";
    public static final String EXCEPTION = "tp.error.exception";
    public static final String SOURCE_TOPIC = "tp.source.topic";
    public static final String SOURCE_PARTITION = "tp.source.partition";
    public static final String SOURCE_OFFSET = "tp.source.offset";
    public static final String SOURCE_PROCESSOR = "tp.source.processor";
    /** Set when the value was cut to fit the topic: the original size in bytes. */
    public static final String ORIGINAL_BYTES = "tp.error.original-bytes";
    /** Room left in a request for the key, headers and batch overhead. */
    private static final int HEADROOM = 64 * 1024;

    public static final String DESERIALIZATION = "DESERIALIZATION";
    public static final String INVALID = "INVALID";
    public static final String LATE = "LATE";
    public static final String PROCESSING = "PROCESSING";

    private DeadLetters() {}

    public static Headers headers(String reason, String message, Throwable error, String topic, int partition, long offset, String processor) {
        Headers h = new RecordHeaders();
        put(h, REASON, reason);
        put(h, MESSAGE, message == null ? "" : message);
        if (error != null) {
            put(h, EXCEPTION, error.getClass().getName());
        }
        if (topic != null) {
            put(h, SOURCE_TOPIC, topic);
        }
        put(h, SOURCE_PARTITION, Integer.toString(partition));
        put(h, SOURCE_OFFSET, Long.toString(offset));
        if (processor != null) {
            put(h, SOURCE_PROCESSOR, processor);
        }
        return h;
    }

    public static ProducerRecord<byte[], byte[]> record(String dlqTopic, byte[] key, byte[] value, Headers headers) {
        return new ProducerRecord<>(dlqTopic, null, null, key, value, headers);
    }

    /** What fits in one produce request: the producer's max.request.size (Kafka's default 1 MiB) minus headroom. */
    public static int maxValueBytes(java.util.Map<String, ?> clientConfigs) {
        Object v = clientConfigs.get("producer.max.request.size");
        if (v == null) {
            v = clientConfigs.get("max.request.size");
        }
        int max = v == null ? 1024 * 1024 : Integer.parseInt(v.toString().trim());
        return Math.max(1024, max - HEADROOM);
    }

    /**
     * A dead letter whose value would not fit in a produce request (a record of several MB on a topic that
     * allows them) keeps its first bytes and says how large it was, rather than failing the send and with
     * it the whole pipeline. The broker's message.max.bytes of tp.dlq is the other bound.
     */
    public static ProducerRecord<byte[], byte[]> fit(ProducerRecord<byte[], byte[]> r, int maxValueBytes) {
        byte[] v = r.value();
        if (v == null || v.length <= maxValueBytes) {
            return r;
        }
        r.headers().add(ORIGINAL_BYTES, Integer.toString(v.length).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), java.util.Arrays.copyOf(v, maxValueBytes), r.headers());
    }

    static int size(ProducerRecord<byte[], byte[]> r) {
        return (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
    }

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String header(Headers h, String name) {
        var last = h.lastHeader(name);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
