package io.touchpulse.bench;

import io.touchpulse.sim.EventSink;
import io.touchpulse.topology.Topics;

/** Where the bench writes generated events: the CLI's Kafka producer sink, for one set of topics. */
public interface BenchSink extends EventSink, AutoCloseable {
    /** Blocks until everything sent so far is acknowledged. */
    void flush();

    /** Sends that failed (must be 0 for a valid run). */
    long failures();

    String lastError();

    @Override
    void close();

    /** Opens sinks; and tells their producer settings, so the raw producer phase sends with exactly the same ones. */
    interface Factory {
        BenchSink open(Topics topics);

        /** Producer settings (bootstrap, acks, idempotence, linger, batch size, compression) of the sinks {@link #open} returns. */
        java.util.Map<String, Object> producerConfig();
    }
}
