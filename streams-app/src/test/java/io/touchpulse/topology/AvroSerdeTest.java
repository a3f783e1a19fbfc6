package io.touchpulse.topology;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AvroSerdeTest {

    @Test
    void writesExactlyTheBytesOfAvrosOwnEncoderForSimulatedEventsWithAndWithoutTheirOptionalFields() {
        List<SpecificRecordBase> records = new ArrayList<>();
        Simulator sim = new Simulator(new SimConfig(3, Instant.parse("2025-03-03T09:00:00Z"), 300, 200, Incident.defaultSchedule()));
        EventSink sink = new EventSink() {
            public void profile(String key, CustomerProfile p) {
                records.add(p);
            }

            public void webTraffic(String key, WebTraffic e) {
                records.add(e);
            }

            public void search(String key, SearchEvent e) {
                records.add(e);
            }

            public void interaction(String key, Interaction e) {
                records.add(e);
            }
        };
        sim.emitProfiles(sink);
        sim.advance(Duration.ofMinutes(20), sink);
        assertThat(records).hasSizeGreaterThan(10_000);
        assertThat(records).as("optional fields both set and unset")
                .anyMatch(r -> r instanceof WebTraffic w && w.getCustomerId() == null)
                .anyMatch(r -> r instanceof WebTraffic w && w.getCustomerId() != null);
        java.util.Map<Class<?>, AvroSerde<SpecificRecordBase>> serdes = new java.util.HashMap<>();
        for (SpecificRecordBase r : records) {
            assertThat(serdes.computeIfAbsent(r.getClass(), c -> serde(r)).serialize("t", r)).as("%s", r).isEqualTo(avro(r));
        }
    }

    @SuppressWarnings("unchecked")
    private static AvroSerde<SpecificRecordBase> serde(SpecificRecordBase r) {
        return AvroSerde.of((Class<SpecificRecordBase>) r.getClass());
    }

    private static byte[] avro(SpecificRecordBase r) {
        try {
            ByteBuffer b = new BinaryMessageEncoder<SpecificRecordBase>(SpecificData.getForClass(r.getClass()), r.getSchema()).encode(r);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
