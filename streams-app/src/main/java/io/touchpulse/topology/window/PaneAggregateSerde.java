package io.touchpulse.topology.window;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde of pane aggregates in state stores. */
public final class PaneAggregateSerde implements Serde<PaneAggregate> {
    @Override
    public Serializer<PaneAggregate> serializer() {
        return (topic, p) -> p == null ? null : p.toBytes();
    }

    @Override
    public Deserializer<PaneAggregate> deserializer() {
        return (topic, data) -> data == null ? null : PaneAggregate.fromBytes(data);
    }
}
