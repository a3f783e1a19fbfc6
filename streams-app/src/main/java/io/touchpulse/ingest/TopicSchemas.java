package io.touchpulse.ingest;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.topology.Topics;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which Avro schema each input topic carries, and which field keys its records. */
public final class TopicSchemas {
    public record Input(Schema schema, String keyField, String fallbackKeyField) {}

    private TopicSchemas() {}

    public static Map<String, Input> inputs(Topics topics) {
        Map<String, Input> m = new LinkedHashMap<>();
        m.put(topics.webTraffic(), new Input(WebTraffic.getClassSchema(), "customerId", "sessionId"));
        m.put(topics.search(), new Input(SearchEvent.getClassSchema(), "customerId", "sessionId"));
        m.put(topics.interactions(), new Input(Interaction.getClassSchema(), "customerId", "eventId"));
        m.put(topics.customerProfiles(), new Input(CustomerProfile.getClassSchema(), "customerId", "customerId"));
        return m;
    }
}
