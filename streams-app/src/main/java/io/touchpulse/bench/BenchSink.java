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

    /** Opens a sink writing to the given topics. */
    interface Factory {
        BenchSink open(Topics topics);
    }
}
