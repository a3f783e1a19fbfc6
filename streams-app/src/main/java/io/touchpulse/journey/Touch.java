package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.Signal;

import java.time.Instant;

/**
 * One remembered event of a customer, compact: enough to cite it as evidence (ids, where, how, a short text) and to
 * run the rules over recent history (topic, case, what kind of contact it was as bit flags).
 *
 * @param kind      interaction kind (CALL, EMAIL...) or the signal source (WEB, SEARCH)
 * @param direction INBOUND / OUTBOUND, or null
 * @param text      PII-redacted, at most {@link #MAX_TEXT} characters
 * @param termsHash hash of the sorted terms of a question, 0 otherwise: the same question asked again has the same hash
 */
record Touch(String eventId, long ts, String touchpoint, String channel, String kind, String direction, String text,
             String topic, String caseId, int flags, int termsHash) {
    static final int MAX_TEXT = 200;
    static final int MAX_ID = 120;

    /** The customer reached out (call, chat, e-mail, visit, letter, SMS, social; not surveys or verbatims). */
    static final int INBOUND_CONTACT = 1;
    static final int OUTBOUND = 1 << 1;
    static final int MARKETING = 1 << 2;
    /** Retention, renewal or loyalty outreach (tag or topic). */
    static final int RETENTION = 1 << 3;
    static final int QUESTION = 1 << 4;
    static final int TRIVIAL = 1 << 5;
    static final int SURVEY = 1 << 6;
    static final int COMPLAINT = 1 << 7;
    static final int RESOLVED = 1 << 8;

    static Touch of(Signal s, int flags, int termsHash) {
        String kind = s.getKind() != null ? s.getKind().name() : s.getSource().name();
        String direction = s.getDirection() == null ? null : s.getDirection().name();
        return new Touch(clip(s.getEventId()), s.getTimestamp().toEpochMilli(), clip(s.getTouchpoint()), clip(s.getChannel()),
                kind, direction, shorten(s.getText()), clip(s.getTopic()), clip(s.getCaseId()), flags, termsHash);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    JourneyEvidence evidence(String role) {
        return JourneyEvidence.newBuilder().setEventId(eventId).setTimestamp(Instant.ofEpochMilli(ts))
                .setTouchpoint(touchpoint).setChannel(channel).setKind(kind).setDirection(direction)
                .setRole(role).setText(text).build();
    }

    /** Same problem: the same case, or the same business topic. */
    boolean sameProblem(String otherCase, String otherTopic) {
        return (caseId != null && caseId.equals(otherCase)) || (topic != null && topic.equals(otherTopic));
    }

    /** Identifiers come from source systems unchecked; a bounded state needs bounded ones. */
    static String clip(String id) {
        return id == null || id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }

    static String shorten(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int cut = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return text.substring(0, cut) + "…";
    }
}
