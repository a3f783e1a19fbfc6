package io.touchpulse.http;

import io.touchpulse.schema.TouchpointHealth;

import java.util.List;

/** What the HTTP API needs from the running pipeline; lets the API be tested without Kafka. */
public interface PipelineView {
    /** Kafka Streams state name, e.g. RUNNING or REBALANCING. */
    String state();

    boolean ready();

    /** Latest final window per segment × touchpoint. Throws IllegalStateException while stores are not queryable. */
    List<TouchpointHealth> latestHealth();

    /** Firing and recently resolved alerts (latest transition per fingerprint). Throws IllegalStateException while stores are not queryable. */
    List<io.touchpulse.schema.Alert> alerts();
}
