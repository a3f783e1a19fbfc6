package io.touchpulse.topology.window;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/** Binary serde of the internal pane-partials topic: kind, sender, time, then the pane bytes for PARTIAL. */
public final class PaneMessageSerde implements Serde<PaneMessage> {
    private static final PaneMessage.Kind[] KINDS = PaneMessage.Kind.values();

    @Override
    public Serializer<PaneMessage> serializer() {
        return (topic, m) -> {
            if (m.kind() == PaneMessage.Kind.LATE) {
                throw new SerializationException("LATE messages are routed to the dead-letter topic, not the partials topic");
            }
            byte[] pane = m.pane() == null ? new byte[0] : m.pane().toBytes();
            return ByteBuffer.allocate(13 + pane.length)
                    .put((byte) m.kind().ordinal()).putInt(m.sender()).putLong(m.time()).put(pane).array();
        };
    }

    @Override
    public Deserializer<PaneMessage> deserializer() {
        return (topic, data) -> {
            ByteBuffer b = ByteBuffer.wrap(data);
            PaneMessage.Kind kind = KINDS[b.get()];
            int sender = b.getInt();
            long time = b.getLong();
            PaneAggregate pane = null;
            if (b.hasRemaining()) {
                byte[] rest = new byte[b.remaining()];
                b.get(rest);
                pane = PaneAggregate.fromBytes(rest);
            }
            return new PaneMessage(kind, sender, time, pane, null);
        };
    }
}
