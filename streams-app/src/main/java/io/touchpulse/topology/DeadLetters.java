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

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String header(Headers h, String name) {
        var last = h.lastHeader(name);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
