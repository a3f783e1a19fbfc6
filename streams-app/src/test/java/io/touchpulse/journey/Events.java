package io.touchpulse.journey;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Signals and profiles for the journey tests, with defaults so each test states only what matters to it. */
final class Events {
    static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final long H = 3_600_000L;
    static final long D = 24 * H;
    static final String CUSTOMER = "c-42";

    private Events() {}

    static Signal.Builder inbound(String id, long ts, InteractionKind kind) {
        return interaction(id, ts, kind, Direction.INBOUND);
    }

    static Signal.Builder outbound(String id, long ts, InteractionKind kind) {
        return interaction(id, ts, kind, Direction.OUTBOUND);
    }

    static Signal.Builder interaction(String id, long ts, InteractionKind kind, Direction direction) {
        String channel = switch (kind) {
            case CALL -> "phone";
            case CHAT -> "chat";
            case EMAIL -> "email";
            case SMS -> "sms";
            case SURVEY -> "survey";
            case VISIT -> "field";
            case LETTER -> "letter";
            default -> "web-feedback";
        };
        String touchpoint = kind == InteractionKind.CALL ? "call-center" : kind == InteractionKind.CHAT ? "support-chat"
                : kind.name().toLowerCase(Locale.ROOT);
        return Signal.newBuilder().setEventId(id).setTimestamp(Instant.ofEpochMilli(ts)).setSource(SignalSource.INTERACTION)
                .setCustomerId(CUSTOMER).setSegment("consumer").setTouchpoint(touchpoint).setChannel(channel)
                .setCompound(0).setLabel("neutral").setHasText(false).setDissatisfied(false).setReasons(List.of())
                .setTerms(List.of()).setKind(kind).setDirection(direction);
    }

    /** Gives the builder a customer text with its score and intents (the analyzer's job in production). */
    static Signal.Builder text(Signal.Builder b, String text, double compound, String... intents) {
        return b.setText(text).setHasText(true).setCompound(compound)
                .setLabel(compound <= -0.05 ? "negative" : compound >= 0.05 ? "positive" : "neutral")
                .setIntents(List.of(intents)).setTerms(List.of(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").split("\\s+")));
    }

    static Signal search(String id, long ts, String query, double compound, String... intents) {
        return text(Signal.newBuilder().setEventId(id).setTimestamp(Instant.ofEpochMilli(ts)).setSource(SignalSource.SEARCH)
                .setCustomerId(CUSTOMER).setSegment("consumer").setTouchpoint("search").setChannel("web")
                .setCompound(0).setLabel("neutral").setHasText(false).setDissatisfied(false), query, compound, intents).build();
    }

    static Signal pageView(String id, long ts) {
        return Signal.newBuilder().setEventId(id).setTimestamp(Instant.ofEpochMilli(ts)).setSource(SignalSource.WEB)
                .setCustomerId(CUSTOMER).setSegment("consumer").setTouchpoint("home").setChannel("web").setCompound(0)
                .setLabel("neutral").setHasText(false).setDissatisfied(false).setHttpStatus(200).setLatencyMs(80).build();
    }

    static CustomerProfile profile(int tenureMonths, String tier, double lifetimeValue) {
        return CustomerProfile.newBuilder().setCustomerId(CUSTOMER).setSegment("consumer").setTier(tier)
                .setTenureMonths(tenureMonths).setLifetimeValue(lifetimeValue).build();
    }
}
