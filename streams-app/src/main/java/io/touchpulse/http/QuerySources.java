package io.touchpulse.http;

/**
 * What the query routes read: this instance's views (each read from active stores, or also from standby replicas)
 * and where the stores live across instances.
 */
public record QuerySources(LocalViews<PipelineView> pipeline, LocalViews<InsightsView> insights, StoreLocator locator) {
    /** One instance on its own: every answer is local. */
    public static QuerySources local(PipelineView pipeline, InsightsView insights) {
        return new QuerySources(LocalViews.of(pipeline), LocalViews.of(insights), StoreLocator.LOCAL_ONLY);
    }
}
