package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.text.PiiRedactor;
import io.touchpulse.text.Sentiment;
import io.touchpulse.text.TextAnalysis;
import io.touchpulse.text.TextAnalyzer;
import io.touchpulse.text.Terms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Normalises and scores one input event into a {@link Signal}: validates it (throwing
 * {@link InvalidEventException}, which routes it to tp.dlq), scores its text, and decides
 * whether it is a dissatisfied moment and why. The segment is filled in later by the profile join.
 */
public final class SignalFactory {
    public static final String UNKNOWN_SEGMENT = "unknown";
    /** Texts at or below this compound count as a negative verbatim (stricter than the label's -0.05). */
    static final double NEGATIVE_VERBATIM = -0.3;
    /** Ids and short codes (eventId, customerId, caseId, outcome, topic, each tag): longer is a producer bug, not data. */
    static final int MAX_ID_CHARS = 200;
    static final int MAX_TAGS = 100;
    /** What a decoder puts where the bytes were not UTF-8: fine in free text, a corrupt identifier anywhere else. */
    private static final char REPLACEMENT = '\uFFFD';
    /**
     * Names already found valid, as given and as normalised: a few dozen touchpoints, channels and segments recur in
     * every event, and checking them (personal-data patterns first) cost about 1.5% of the stream threads. Bounded: once full, new
     * names are checked every time.
     */
    private static final int KNOWN_NAMES_MAX = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> KNOWN_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private final TouchpulseConfig config;
    private final Clock clock;
    private final TextAnalyzer analyzer;

    public SignalFactory(TouchpulseConfig config, Clock clock, TextAnalyzer analyzer) {
        this.config = config;
        this.clock = clock;
        this.analyzer = analyzer;
    }

    public Signal fromWeb(WebTraffic e) {
        require(e, "web-traffic");
        Signal s = base(e.getEventId(), e.getTimestamp(), SignalSource.WEB, e.getCustomerId(), e.getTouchpoint(), e.getChannel());
        int status = e.getHttpStatus();
        int latency = e.getLatencyMs();
        if (status < 0 || status > 599) {
            throw new InvalidEventException("httpStatus " + status + " is not an HTTP status");
        }
        if (latency < 0) {
            throw new InvalidEventException("latencyMs " + latency + " is negative");
        }
        List<String> reasons = new ArrayList<>(2);
        if (status >= 500 || status == 0) {
            reasons.add(Reason.HTTP_5XX.name());
        }
        if (latency > config.latencySloMs(s.getTouchpoint())) {
            reasons.add(Reason.SLOW.name());
        }
        if (e.getAbandoned()) {
            reasons.add(Reason.ABANDONED.name());
        }
        s.setHttpStatus(status);
        s.setLatencyMs(latency);
        s.setLabel("neutral");
        s.setDissatisfied(!reasons.isEmpty());
        s.setReasons(reasons);
        return s;
    }

    public Signal fromSearch(SearchEvent e) {
        require(e, "search");
        Signal s = base(e.getEventId(), e.getTimestamp(), SignalSource.SEARCH, e.getCustomerId(), e.getTouchpoint(), e.getChannel());
        String query = text(e.getQuery(), "query");
        if (query == null) {
            throw new InvalidEventException("query is missing or blank");
        }
        if (e.getResultCount() < 0) {
            throw new InvalidEventException("resultCount " + e.getResultCount() + " is negative");
        }
        TextAnalysis analysis = analyzer.analyze(query);
        Sentiment sentiment = analysis.sentiment();
        String redacted = PiiRedactor.redact(query);
        List<String> reasons = new ArrayList<>(2);
        boolean zero = e.getResultCount() == 0;
        if (zero) {
            reasons.add(Reason.ZERO_RESULTS.name());
        }
        if (e.getReformulated()) {
            reasons.add(Reason.REFORMULATED.name());
        }
        if (analysis.intents().contains("churn")) {
            reasons.add(Reason.CHURN_INTENT.name());
        }
        s.setHasText(true);
        s.setCompound(sentiment.compound());
        s.setLabel(sentiment.label());
        s.setText(redacted);
        s.setTerms(Terms.of(PiiRedactor.withoutPlaceholders(redacted)));
        s.setZeroResults(zero);
        s.setIntents(analysis.intents());
        s.setAspects(analysis.aspects());
        s.setDissatisfied(!reasons.isEmpty());
        s.setReasons(reasons);
        return s;
    }

    public Signal fromInteraction(Interaction e) {
        require(e, "interaction");
        if (e.getKind() == null) {
            throw new InvalidEventException("kind is missing");
        }
        Signal s = base(e.getEventId(), e.getTimestamp(), SignalSource.INTERACTION, e.getCustomerId(), e.getTouchpoint(), e.getChannel());
        Integer csat = e.getCsat();
        Integer nps = e.getNps();
        if (csat != null && (csat < 1 || csat > 5)) {
            throw new InvalidEventException("csat " + csat + " is outside 1..5");
        }
        if (nps != null && (nps < 0 || nps > 10)) {
            throw new InvalidEventException("nps " + nps + " is outside 0..10");
        }
        String text = text(e.getText(), "text");
        TextAnalysis analysis = text == null ? TextAnalysis.EMPTY : analyzer.analyze(text);
        Sentiment sentiment = analysis.sentiment();
        List<String> reasons = new ArrayList<>(2);
        List<String> tags = lower(e.getTags());
        String outcome = e.getOutcome() == null ? "" : id(e.getOutcome(), "outcome").toLowerCase(Locale.ROOT);
        id(e.getCaseId(), "caseId");
        id(e.getTopic(), "topic");
        if (csat != null && csat <= 2) {
            reasons.add(Reason.LOW_CSAT.name());
        }
        if (nps != null && nps <= 6) {
            reasons.add(Reason.DETRACTOR.name());
        }
        if (tags.contains("complaint")) {
            reasons.add(Reason.COMPLAINT.name());
        }
        if (tags.contains("escalation") || outcome.equals("escalated")) {
            reasons.add(Reason.ESCALATION.name());
        }
        if (outcome.equals("abandoned")) {
            reasons.add(Reason.ABANDONED.name());
        }
        if (text != null && sentiment.compound() <= NEGATIVE_VERBATIM) {
            reasons.add(Reason.NEGATIVE_VERBATIM.name());
        }
        if (e.getWaitSec() != null && e.getWaitSec() > config.longWaitSec()) {
            reasons.add(Reason.LONG_WAIT.name());
        }
        if (analysis.intents().contains("churn") && e.getDirection() != io.touchpulse.schema.Direction.OUTBOUND) {
            reasons.add(Reason.CHURN_INTENT.name());
        }
        boolean question = Questions.asked(e.getDirection(), analysis.intents(), tags, text);
        boolean unanswered = question && Questions.unanswered(outcome, tags, text);
        if (unanswered) {
            reasons.add(Reason.UNANSWERED.name());
        }
        String redacted = text == null ? null : PiiRedactor.redact(text);
        s.setHasText(text != null);
        s.setCompound(sentiment.compound());
        s.setLabel(text == null ? "neutral" : sentiment.label());
        s.setText(redacted);
        s.setTerms(Terms.of(PiiRedactor.withoutPlaceholders(redacted)));
        s.setIntents(analysis.intents());
        s.setAspects(analysis.aspects());
        s.setCsat(csat);
        s.setNps(nps);
        s.setDissatisfied(!reasons.isEmpty());
        s.setReasons(reasons);
        s.setKind(e.getKind());
        s.setDirection(e.getDirection());
        s.setOutcome(outcome.isEmpty() ? null : outcome);
        s.setCaseId(blankToNull(e.getCaseId()));
        s.setTopic(lowerOrNull(e.getTopic()));
        s.setTags(tags);
        s.setDurationSec(e.getDurationSec());
        s.setQuestion(question);
        s.setUnanswered(unanswered);
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String lowerOrNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Tags are matched by the journey rules as lower-case words. */
    private static List<String> lower(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new InvalidEventException("tags has " + tags.size() + " entries, more than " + MAX_TAGS);
        }
        List<String> out = new ArrayList<>(tags.size());
        for (String t : tags) {
            id(t, "tag");
            if (t != null && !t.isBlank()) {
                out.add(t.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static void require(Object e, String what) {
        if (e == null) {
            throw new InvalidEventException(what + " record has no value (tombstone)");
        }
    }

    /**
     * A signal with the fields every source sets, the lists empty and the rest null, false or 0. Built with the setters:
     * Avro's builder fills each field left unset with a deep copy of its schema default, a cost per event.
     */
    private Signal base(String eventId, Instant ts, SignalSource source, String customerId, String touchpoint, String channel) {
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidEventException("eventId is missing or blank");
        }
        id(eventId, "eventId");
        id(customerId, "customerId");
        if (ts == null) {
            throw new InvalidEventException("timestamp is missing");
        }
        long now = clock.millis();
        long t = ts.toEpochMilli();
        if (t > now + config.maxFutureSkew().toMillis()) {
            throw new InvalidEventException("timestamp " + ts + " is more than " + config.maxFutureSkew() + " in the future");
        }
        if (t < now - config.maxAge().toMillis()) {
            throw new InvalidEventException("timestamp " + ts + " is older than " + config.maxAge());
        }
        Signal s = new Signal();
        s.setEventId(eventId);
        s.setTimestamp(ts);
        s.setSource(source);
        s.setCustomerId(customerId == null || customerId.isBlank() ? null : customerId);
        s.setSegment(UNKNOWN_SEGMENT);
        s.setTouchpoint(name(touchpoint, "touchpoint"));
        s.setChannel(channel == null || channel.isBlank() ? "unknown" : name(channel, "channel"));
        s.setReasons(List.of());
        s.setTerms(List.of());
        s.setIntents(List.of());
        s.setAspects(Map.of());
        s.setTags(List.of());
        return s;
    }

    /** Lower-case, dash-separated names; anything else is rejected so dashboards and metrics stay clean. */
    static String name(String raw, String field) {
        String known = raw == null ? null : KNOWN_NAMES.get(raw);
        if (known != null) {
            return known;
        }
        String s = checkedName(raw, field);
        if (KNOWN_NAMES.size() < KNOWN_NAMES_MAX) {
            KNOWN_NAMES.put(raw, s);
        }
        return s;
    }

    private static String checkedName(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidEventException(field + " is missing or blank");
        }
        // names become metric labels, topic keys and alert labels, where nothing redacts them: an e-mail address, a phone
        // number or an IP address given as a touchpoint or segment is refused, first, so the reason (a header of the
        // dead letter, and logged) names its kind and never quotes the value
        String redacted = PiiRedactor.redact(raw);
        if (!redacted.equals(raw)) {
            throw new InvalidEventException(field + " looks like personal data (" + abbreviate(redacted) + "), not a name");
        }
        if (raw.indexOf(REPLACEMENT) >= 0) {
            throw new InvalidEventException(field + " '" + abbreviate(raw) + "' is not valid UTF-8 (decoded with U+FFFD replacement characters)");
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        if (s.length() > 40) {
            throw new InvalidEventException(field + " '" + abbreviate(raw) + "' is longer than 40 characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                throw new InvalidEventException(field + " '" + abbreviate(raw) + "' may only contain letters, digits, '-' and '.'");
            }
        }
        return s;
    }

    /** An identifier or code: bounded, and valid UTF-8 (free texts keep replacement characters, ids must not). */
    static String id(String value, String field) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_ID_CHARS) {
            throw new InvalidEventException(field + " has " + value.length() + " characters, more than " + MAX_ID_CHARS);
        }
        if (value.indexOf(REPLACEMENT) >= 0) {
            throw new InvalidEventException(field + " '" + abbreviate(value) + "' is not valid UTF-8 (decoded with U+FFFD replacement characters)");
        }
        return value;
    }

    private String text(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > config.maxTextChars()) {
            throw new InvalidEventException(field + " has " + raw.length() + " characters, more than validation.max-text-chars=" + config.maxTextChars());
        }
        return raw;
    }

    private static String abbreviate(String s) {
        return s.length() <= 50 ? s : s.substring(0, 47) + "...";
    }
}
