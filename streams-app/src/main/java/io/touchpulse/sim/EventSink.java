package io.touchpulse.sim;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

/**
 * Where generated events go (a Kafka producer in production, a list in tests). Keeps the simulator free of
 * Kafka types. Key = customerId, or sessionId for anonymous web/search events.
 */
public interface EventSink {
    void profile(String key, CustomerProfile p);

    void webTraffic(String key, WebTraffic e);

    void search(String key, SearchEvent e);

    void interaction(String key, Interaction e);
}
