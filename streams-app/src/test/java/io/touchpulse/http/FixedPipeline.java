package io.touchpulse.http;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.TouchpointHealth;

import java.util.List;

/** A running pipeline whose health and alerts are fixed lists: for HTTP tests that need no Kafka. */
public record FixedPipeline(List<TouchpointHealth> latestHealth, List<Alert> alerts) implements PipelineView {
    public static FixedPipeline empty() {
        return new FixedPipeline(List.of(), List.of());
    }

    @Override
    public String state() {
        return "RUNNING";
    }

    @Override
    public boolean ready() {
        return true;
    }
}
