package io.touchpulse.topology;

import io.touchpulse.schema.Signal;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.function.Function;

/**
 * Turns one input event into a Signal and re-stamps the record with the event's own time, so
 * everything downstream (windows, tp.signals) runs on event time, not on producer time.
 * Invalid events throw {@link InvalidEventException}; the processing exception handler
 * sends them to tp.dlq.
 */
final class Normalizer<V> implements FixedKeyProcessor<String, V, Signal> {
    private final Function<V, Signal> toSignal;
    private FixedKeyProcessorContext<String, Signal> ctx;

    Normalizer(Function<V, Signal> toSignal) {
        this.toSignal = toSignal;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Signal> context) {
        this.ctx = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        Signal s = toSignal.apply(record.value());
        ctx.forward(record.withValue(s).withTimestamp(s.getTimestamp().toEpochMilli()));
    }
}
