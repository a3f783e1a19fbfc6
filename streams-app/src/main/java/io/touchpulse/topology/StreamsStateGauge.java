package io.touchpulse.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code touchpulse_streams_state{state}}: 1 for the state the Kafka Streams client is in, 0 for the
 * others. Kafka's own {@code kafka_stream_client_state} is an enum ordinal that disappears when the
 * client closes; this one is fed by the state listener, stays after a crash (ERROR, NOT_RUNNING) and
 * reads in alert rules as {@code touchpulse_streams_state{state="RUNNING"} == 0}.
 */
final class StreamsStateGauge {
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);

    StreamsStateGauge(MeterRegistry registry) {
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder("touchpulse_streams_state", state, r -> r.get() == s ? 1 : 0)
                    .description("1 for the current state of the Kafka Streams client, 0 for the other states")
                    .tag("state", s.name().toUpperCase(Locale.ROOT)).register(registry);
        }
    }

    void set(KafkaStreams.State now) {
        state.set(now);
    }
}
