package io.touchpulse.bench;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.EventSink;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the events (not the profiles) on their way to a sink; the count may be read from another thread. */
record EventCounter(EventSink out, AtomicLong events) implements EventSink {
    @Override public void profile(String key, CustomerProfile p) { out.profile(key, p); }
    @Override public void webTraffic(String key, WebTraffic e) { events.incrementAndGet(); out.webTraffic(key, e); }
    @Override public void search(String key, SearchEvent e) { events.incrementAndGet(); out.search(key, e); }
    @Override public void interaction(String key, Interaction e) { events.incrementAndGet(); out.interaction(key, e); }
}
