package io.touchpulse.ingest;

import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.WebTraffic;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonToAvroTest {
    private final JsonToAvro web = new JsonToAvro(WebTraffic.getClassSchema());
    private final JsonToAvro interactions = new JsonToAvro(Interaction.getClassSchema());

    @Test
    void convertsPlainJsonWithDefaultsAndIsoTimestamps() {
        GenericRecord r = web.convert("{\"eventId\":\"e1\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"touchpoint\":\"home\",\"httpStatus\":200,\"latencyMs\":12}");
        assertThat(r.get("timestamp")).isEqualTo(1767323045000L);
        assertThat(r.get("channel").toString()).isEqualTo("web");
        assertThat(r.get("customerId")).isNull();
        assertThat(r.get("abandoned")).isEqualTo(false);
        GenericRecord i = interactions.convert("{\"eventId\":\"e2\",\"timestamp\":1767323045000,\"kind\":\"CHAT\",\"touchpoint\":\"billing\",\"channel\":\"chat\",\"csat\":2,\"tags\":[\"complaint\"]}");
        assertThat(i.get("kind").toString()).isEqualTo("CHAT");
        assertThat((List<?>) i.get("tags")).hasSize(1);
    }

    @Test
    void namesTheFieldAndProblem() {
        assertThatThrownBy(() -> web.convert("{\"eventId\":\"e1\",\"timestamp\":1,\"touchpoint\":\"home\",\"latencyMs\":12}"))
                .hasMessage("required field 'httpStatus' is missing");
        assertThatThrownBy(() -> web.convert("{\"eventId\":\"e1\",\"timestamp\":\"yesterday\",\"touchpoint\":\"home\",\"httpStatus\":200,\"latencyMs\":1}"))
                .hasMessageContaining("'timestamp' is not a timestamp");
        assertThatThrownBy(() -> interactions.convert("{\"eventId\":\"e\",\"timestamp\":1,\"kind\":\"PIGEON\",\"touchpoint\":\"x\",\"channel\":\"y\"}"))
                .hasMessageContaining("'kind' must be one of [CALL");
        assertThatThrownBy(() -> web.convert("[1,2]")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> web.convert("{oops")).hasMessageStartingWith("not valid JSON");
    }
}
