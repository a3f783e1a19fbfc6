package io.touchpulse.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams error handler for both bad bytes and records a processor rejects: the
 * record goes to the dead-letter topic in the same transaction (KIP-1034), is counted, and
 * processing continues. Logs once per reason and topic, then only counts: a flood of bad
 * records must not become a flood of log lines.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    /** Config keys under which the topology passes its collaborators to the handler instances Kafka creates. */
    public static final String METRICS_CONFIG = "touchpulse.metrics";
    public static final String DLQ_TOPIC_CONFIG = "touchpulse.dlq.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final java.util.Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private PipelineMetrics metrics = PipelineMetrics.noop();
    private String dlqTopic = Topics.defaults().dlq();
    private Map<String, Object> clientConfigs = Map.of();
    private GlobalDeadLetters global;
    /** Largest dead-letter value sent as it is; see {@link DeadLetters#fit}. */
    private int maxValueBytes = DeadLetters.maxValueBytes(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(METRICS_CONFIG) instanceof PipelineMetrics m) {
            metrics = m;
        }
        if (configs.get(DLQ_TOPIC_CONFIG) instanceof String t) {
            dlqTopic = t;
        }
        clientConfigs = Map.copyOf(configs.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue())));
        maxValueBytes = DeadLetters.maxValueBytes(clientConfigs);
    }

    /**
     * An output record the broker or producer refuses as too large (the default handler would stop the
     * stream thread): the source record goes to the dead-letter topic instead, truncated if it must be,
     * and processing continues. Any other send failure keeps Kafka Streams' default (fail).
     */
    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext ctx, org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record,
                                                           Exception e) {
        if (!(e instanceof RecordTooLargeException)) {
            return ProductionExceptionHandler.Response.fail();
        }
        var dead = deadLetter(ctx, DeadLetters.PROCESSING, ctx.sourceRawKey(), ctx.sourceRawValue(),
                new RecordTooLargeException("output to " + record.topic() + " too large (" + DeadLetters.size(record) + " bytes): " + e.getMessage()));
        return ProductionExceptionHandler.Response.resume(List.of(dead));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
        var dead = deadLetter(ctx, DeadLetters.DESERIALIZATION, record.key(), record.value(), e);
        if (isGlobal(ctx)) {
            globalDeadLetters().send(dead);
            return DeserializationExceptionHandler.Response.resume();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(dead));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
        String reason = e instanceof InvalidEventException ? DeadLetters.INVALID : DeadLetters.PROCESSING;
        var dead = deadLetter(ctx, reason, ctx.sourceRawKey(), ctx.sourceRawValue(), e);
        if (isGlobal(ctx)) {
            globalDeadLetters().send(dead);
            return ProcessingExceptionHandler.Response.resume();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(dead));
    }

    /**
     * The global (profile) table's thread has no record collector: in Kafka 4.3.1 returning dead-letter
     * records from there throws ClassCastException and takes the whole client down. Its dead letters go
     * through a plain producer of ours instead (at-least-once, like the global table's own reads).
     */
    private static boolean isGlobal(ErrorHandlerContext ctx) {
        return ctx.taskId() == null || ctx.taskId().subtopology() < 0;
    }

    private synchronized GlobalDeadLetters globalDeadLetters() {
        if (global == null) {
            global = new GlobalDeadLetters(clientConfigs);
        }
        return global;
    }

    private org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext ctx, String reason, byte[] key, byte[] value, Exception e) {
        metrics.deadLetter(reason, ctx.topic());
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (LOGGED.add(reason + "/" + ctx.topic()) || reason.equals(DeadLetters.PROCESSING)) {
            LOG.warn("{} record from {}-{}@{} sent to {}: {} (further {} records from this topic are only counted)",
                    reason, ctx.topic(), ctx.partition(), ctx.offset(), dlqTopic, message, reason);
        }
        return DeadLetters.fit(DeadLetters.record(dlqTopic, key, value,
                DeadLetters.headers(reason, message, e, ctx.topic(), ctx.partition(), ctx.offset(), ctx.processorNodeId())), maxValueBytes);
    }
}
