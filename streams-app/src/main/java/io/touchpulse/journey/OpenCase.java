package io.touchpulse.journey;

/**
 * A case that is still open: from its first non-resolved interaction until one with outcome {@code resolved}.
 * Complaints without a case id are tracked as a case keyed {@code topic:<topic>} so that a later resolution on the
 * topic answers them. Immutable.
 *
 * @param key           the case id, or {@code topic:<topic>} for a complaint without a case
 * @param origin        the complaint that opened it if any, else its first interaction (evidence)
 * @param uncoordinated whether UNCOORDINATED_CONTACT already fired for it (once per case)
 */
record OpenCase(String key, String topic, long openedAt, long lastAt, String lastOutcome, boolean complaint,
                boolean escalated, boolean uncoordinated, Touch origin) {

    static String topicKey(String topic) {
        return "topic:" + (topic == null ? "-" : topic);
    }

    OpenCase touched(long at, String outcome, boolean newComplaint, boolean newEscalation, Touch t) {
        boolean firstComplaint = newComplaint && !complaint;
        return new OpenCase(key, topic != null ? topic : t.topic(), openedAt, Math.max(lastAt, at),
                outcome != null ? outcome : lastOutcome, complaint || newComplaint, escalated || newEscalation,
                uncoordinated, firstComplaint ? t : origin);
    }

    OpenCase markUncoordinated() {
        return new OpenCase(key, topic, openedAt, lastAt, lastOutcome, complaint, escalated, true, origin);
    }
}
