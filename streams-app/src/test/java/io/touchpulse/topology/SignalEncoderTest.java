package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.text.TextAnalyzer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written Signal writer produces Avro's bytes exactly, for every kind of signal, or is not used. */
class SignalEncoderTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final AvroSerde<Signal> serde = AvroSerde.of(Signal.class);

    @Test
    void writtenForTheCurrentSchema() {
        assertThat(SignalEncoder.fingerprint())
                .as("Signal.avsc changed its binary layout: update SignalEncoder (fields in schema order) and FOR_SCHEMA")
                .isEqualTo(SignalEncoder.FOR_SCHEMA);
    }

    @Test
    void simulatedSignalsEncodeAsAvroDoes() throws IOException {
        List<Signal> signals = simulatedSignals();
        assertThat(signals).hasSizeGreaterThan(5_000);
        assertThat(signals).extracting(Signal::getSource).contains(SignalSource.values());
        assertThat(signals).anyMatch(s -> s.getText() != null && !s.getAspects().isEmpty() && s.getKind() != null);
        for (Signal s : signals) {
            assertThat(serde.serialize("tp.signals", s)).as(s.getEventId()).isEqualTo(avro(s));
        }
    }

    @Test
    void edgeCasesEncodeAsAvroDoes() throws IOException {
        Map<String, Double> aspects = new LinkedHashMap<>();
        aspects.put("billing", -0.75);
        aspects.put("délai", Double.MIN_VALUE);
        aspects.put("staff", -0.0);
        Signal full = base().setCustomerId("C1").setText("Ünïcödé 🙂 \u0000 and a very long text ".repeat(40))
                .setCompound(-1.0).setReasons(List.of("HTTP_5XX", "SLOW")).setTerms(List.of("jacket", "€"))
                .setIntents(List.of("complaint")).setAspects(aspects).setHttpStatus(-1).setLatencyMs(Integer.MAX_VALUE)
                .setCsat(Integer.MIN_VALUE).setNps(0).setKind(InteractionKind.LETTER).setDirection(Direction.OUTBOUND)
                .setOutcome("").setCaseId("case-1").setTopic("fees").setTags(List.of("a", "b", "c")).setDurationSec(63)
                .setZeroResults(true).setQuestion(true).setUnanswered(true).setDissatisfied(true).setHasText(true)
                .setTimestamp(Instant.ofEpochMilli(-1)).build();
        Signal sparse = base().setTimestamp(Instant.ofEpochMilli(Long.MAX_VALUE)).setCompound(-Double.MAX_VALUE).build();
        Signal nan = base().setCompound(Double.NaN).build();
        assertThat(serde.serialize("tp.signals", nan)).isEqualTo(avro(nan));
        for (Signal s : List.of(full, sparse)) {
            assertThat(serde.serialize("tp.signals", s)).isEqualTo(avro(s));
            assertThat(serde.deserialize("tp.signals", serde.serialize("tp.signals", s))).isEqualTo(s);
        }
    }

    @Test
    void aMissingRequiredFieldIsASerializationErrorNamingIt() {
        Signal s = base().build();
        s.setSegment(null);
        assertThatThrownBy(() -> serde.serialize("tp.signals", s)).isInstanceOf(SerializationException.class).hasMessageContaining("segment");
    }

    private static Signal.Builder base() {
        return Signal.newBuilder().setEventId("e1").setTimestamp(T0).setSource(SignalSource.INTERACTION).setCustomerId(null)
                .setSegment("premium").setTouchpoint("billing").setChannel("chat").setCompound(0.25).setLabel("neutral")
                .setHasText(false).setDissatisfied(false).setReasons(List.of()).setTerms(List.of()).setIntents(List.of())
                .setAspects(Map.of()).setZeroResults(false);
    }

    private static byte[] avro(Signal s) throws IOException {
        ByteBuffer b = Signal.getEncoder().encode(s);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** An hour of the simulator's events (incidents and journeys included), scored as the pipeline scores them. */
    private static List<Signal> simulatedSignals() {
        SignalFactory factory = new SignalFactory(TouchpulseConfig.from(TouchpulseConfig.DEFAULTS),
                Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC), TextAnalyzer.standard());
        List<Signal> out = new ArrayList<>();
        Simulator sim = new Simulator(SimConfig.defaults().withStart(T0).withCustomers(2_000).withEventsPerSecond(5));
        sim.advance(Duration.ofHours(1), new EventSink() {
            @Override
            public void profile(String key, CustomerProfile p) {
            }

            @Override
            public void webTraffic(String key, WebTraffic e) {
                out.add(factory.fromWeb(e));
            }

            @Override
            public void search(String key, SearchEvent e) {
                out.add(factory.fromSearch(e));
            }

            @Override
            public void interaction(String key, Interaction e) {
                out.add(factory.fromInteraction(e));
            }
        });
        return out;
    }
}
