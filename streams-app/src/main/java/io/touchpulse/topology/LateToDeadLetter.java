package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import io.touchpulse.topology.window.PaneMessage;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;

/** Writes a record that arrived after its window closed to tp.dlq as its Signal, with reason LATE: counted and kept, never lost silently. */
final class LateToDeadLetter implements FixedKeyProcessor<String, PaneMessage, byte[]> {
    private final AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<String, byte[]> ctx;

    LateToDeadLetter(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.ctx = context;
    }

    @Override
    public void process(FixedKeyRecord<String, PaneMessage> record) {
        RecordMetadata meta = ctx.recordMetadata().orElse(null);
        String topic = meta == null ? null : meta.topic();
        metrics.deadLetter(DeadLetters.LATE, topic);
        Signal s = record.value().late();
        var headers = DeadLetters.headers(DeadLetters.LATE, "event time " + s.getTimestamp() + " is after its window closed: this partition's event time was already "
                        + Instant.ofEpochMilli(record.value().time()) + ", beyond the grace",
                null, topic, meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset(), "combine-panes");
        ctx.forward(record.withValue(signals.serialize(null, s)).withHeaders(headers));
    }
}
