package io.touchpulse.topology;

/** Names of every state store and internal topic, so queries, tests and dashboards agree. */
public final class Stores {
    private Stores() {}

    public static final String CUSTOMER_PROFILES = "customer-profiles";
    /** Open panes of one input partition (combiner). */
    public static final String PANES_OPEN = "panes-open";
    /** The combiner's event-time watermark and closed-through time. */
    public static final String PANE_CLOCK = "pane-clock";
    /** Closed panes from all partitions, merged, awaiting their windows' close. */
    public static final String PANES_MERGED = "panes-merged";
    /** Per-sender watermarks and the time up to which windows are final. */
    public static final String WINDOW_CLOCK = "window-clock";
    /** Latest final TouchpointHealth per segment|touchpoint, for GET /api/touchpoints. */
    public static final String TOUCHPOINT_LATEST = "touchpoint-latest";
    /** Detector state and alert status per segment|touchpoint|metric. */
    public static final String ALERT_TRACKS = "alert-tracks";
    /** Latest window end seen overall and per segment|touchpoint (silence detection). */
    public static final String ALERT_CLOCK = "alert-clock";
    /** Latest Alert per fingerprint: firing ones and recently resolved, for GET /api/alerts. */
    public static final String ALERTS = "alerts";
    /** Internal topic (suffix) carrying closed panes and watermarks from the combiner to the merger. */
    public static final String PANE_PARTIALS_TOPIC = "pane-partials";

    /** Journey state per customer id (encoded {@code io.touchpulse.journey.CustomerState}), for GET /api/customers. */
    public static final String CUSTOMERS = "customers";
    /** Index of pending promise deadlines: key {@code %013d-deadline|customerId}, so a range scan finds what is due. */
    public static final String CUSTOMER_DEADLINES = "customer-deadlines";
    /** Recent journey issues per issueId, for GET /api/journey-issues. */
    public static final String JOURNEY_ISSUES = "journey-issues";
    /** Internal topic (suffix) carrying idea mentions from the customer stage to the idea board (one partition). */
    public static final String IDEA_MENTIONS_TOPIC = "idea-mentions";
    /** Idea groups per ideaId, for GET /api/ideas. */
    public static final String IDEAS = "ideas";
    /** Negative-term baselines and current trends per segment|touchpoint, for GET /api/trends. */
    public static final String TERM_TRENDS = "term-trends";
}
