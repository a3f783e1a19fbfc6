package io.touchpulse.sim;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything the simulator emits, in order, for assertions. */
final class RecordingSink implements EventSink {
    final Map<String, CustomerProfile> profiles = new HashMap<>();
    final List<WebTraffic> web = new ArrayList<>();
    final List<SearchEvent> searches = new ArrayList<>();
    final List<Interaction> interactions = new ArrayList<>();
    /** Every event as "type|key|record", in emission order. */
    final List<String> log = new ArrayList<>();
    boolean keepLog;

    RecordingSink keepLog() {
        keepLog = true;
        return this;
    }

    @Override
    public void profile(String key, CustomerProfile p) {
        profiles.put(key, p);
    }

    @Override
    public void webTraffic(String key, WebTraffic e) {
        web.add(e);
        if (keepLog) log.add("W|" + key + "|" + e);
    }

    @Override
    public void search(String key, SearchEvent e) {
        searches.add(e);
        if (keepLog) log.add("S|" + key + "|" + e);
    }

    @Override
    public void interaction(String key, Interaction e) {
        interactions.add(e);
        if (keepLog) log.add("I|" + key + "|" + e);
    }

    int events() {
        return web.size() + searches.size() + interactions.size();
    }

    /** Segment as the monitor will see it: from the profile, "unknown" without one. */
    String segmentOf(String customerId) {
        CustomerProfile p = customerId == null ? null : profiles.get(customerId);
        return p == null ? "unknown" : p.getSegment();
    }
}
