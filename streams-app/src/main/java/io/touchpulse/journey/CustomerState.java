package io.touchpulse.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the customer stage remembers about one customer, bounded: every list has a hard cap (oldest dropped
 * first), texts are at most 200 characters, so a state stays around 1-2 KB and never grows past ~8 KB. Mutable,
 * owned by one caller at a time (a Kafka Streams task), stored between events with {@link #encode()} /
 * {@link #decode(byte[])} (version byte first; risk and segment right after it, so {@link #peekRisk} and
 * {@link #peekSegment} can scan a million customers without decoding them).
 */
public final class CustomerState {
    static final int MAX_RECENT = 24;
    static final int MAX_PROMISES = 8;
    static final int MAX_CASES = 8;
    static final int MAX_SURVEYS = 16;
    static final int MAX_DISSATISFACTION = 10;
    static final int MAX_MARKERS = 6;
    static final int MAX_ISSUES = 20;
    static final long NEVER = Long.MIN_VALUE;

    String customerId;
    String segment;
    String tier;
    /** -1: no profile seen, tenure unknown. */
    int tenureMonths = -1;
    double lifetimeValue;
    long updatedAt = NEVER;
    String lastEventId;

    /** Time-decayed sums of the compound of the customer's own texts and of their weights. */
    double sentimentSum;
    double sentimentWeight;
    long sentimentAt = NEVER;

    /** Decaying strengths of the event-driven drivers, by Driver ordinal, each with the time it was last set. */
    final double[] levels = new double[Driver.values().length];
    final long[] levelAt = new long[Driver.values().length];
    String detractorDetail;
    /** Bit set of JourneyIssueType ordinals that raised journey friction, and how many such issues. */
    int frictionTypes;
    int frictionCount;

    long churnAt = NEVER;
    Touch churnTouch;
    long lastOfferAt = NEVER;
    long loyaltyIssueAt = NEVER;

    final List<Touch> recent = new ArrayList<>();
    final List<Promise> promises = new ArrayList<>();
    final List<OpenCase> cases = new ArrayList<>();
    final List<Long> surveys = new ArrayList<>();
    long fatigueIssueAt = NEVER;
    /** Times of "send" decisions whose survey has not shown up yet: the survey event that follows is that one, not a new one. */
    final List<Long> pendingSends = new ArrayList<>();
    final List<Dissatisfaction> dissatisfaction = new ArrayList<>();
    final List<Marker> repeatIssues = new ArrayList<>();
    final List<String> issues = new ArrayList<>();

    /** The survey budget and contact window in force at the last update, for the customer view. */
    int surveyBudget;
    long contactWindowMs;

    double risk;
    final List<DriverValue> drivers = new ArrayList<>();
    /** The last published risk (-1: never published), its band and driver set (bit set of Driver ordinals). */
    double publishedRisk = -1;
    int publishedDrivers;

    CustomerState(String customerId, String segment) {
        this.customerId = customerId;
        this.segment = segment;
    }

    public String customerId() {
        return customerId;
    }

    public String segment() {
        return segment;
    }

    public String tier() {
        return tier;
    }

    public double risk() {
        return risk;
    }

    public String band() {
        return Bands.of(risk);
    }

    public double valueAtRisk() {
        return risk * lifetimeValue;
    }

    /** Event time of the last event folded in. */
    public long updatedAt() {
        return updatedAt;
    }

    /** Ids of this customer's most recent journey issues (at most 20), oldest first. */
    public List<String> issueIds() {
        return List.copyOf(issues);
    }

    /** Earliest deadline of a pending promise, Long.MAX_VALUE if none. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Promise p : promises) {
            if (p.pending()) {
                next = Math.min(next, p.dueAt());
            }
        }
        return next;
    }

    public byte[] encode() {
        return StateCodec.encode(this);
    }

    /** @throws IllegalArgumentException if the bytes are not a state of a version this code reads */
    public static CustomerState decode(byte[] bytes) {
        return StateCodec.decode(bytes);
    }

    /** The risk of an encoded state, reading 9 bytes. */
    public static double peekRisk(byte[] bytes) {
        return StateCodec.peekRisk(bytes);
    }

    /** The segment of an encoded state, without decoding the rest. */
    public static String peekSegment(byte[] bytes) {
        return StateCodec.peekSegment(bytes);
    }

    /** GET /api/customers/{id} (docs/journeys.md). */
    public Map<String, Object> toJson() {
        return CustomerJson.full(this);
    }

    /** One item of GET /api/customers. */
    public Map<String, Object> toSummaryJson() {
        return CustomerJson.summary(this);
    }

    static <T> void addCapped(List<T> list, T item, int cap) {
        list.add(item);
        while (list.size() > cap) {
            list.remove(0);
        }
    }
}
