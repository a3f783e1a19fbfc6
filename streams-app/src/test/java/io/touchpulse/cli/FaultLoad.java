package io.touchpulse.cli;

import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.Topics;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated traffic produced while a fault test breaks things: profiles first (so the profile join is the same
 * before and after every restart), then events paced in wall time on a background thread, then one closing event
 * per input partition far enough ahead that every window holding simulated events becomes final.
 * The same events can go to several topic prefixes at once (the app under test and an uninterrupted reference).
 */
final class FaultLoad implements AutoCloseable {
    private final Simulator sim;
    private final List<KafkaEventSink> sinks;
    private final Topics[] topics;
    private final int partitions;
    private final CountingSink counting;
    private final Duration simulated;
    private final Duration step;
    private final Duration pause;
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;
    private volatile Instant simulatedNow;

    /**
     * @param simulated how much simulated time to produce, in steps of {@code step} each followed by {@code pause} of wall time
     */
    FaultLoad(SimConfig config, Map<String, Object> client, int partitions, Duration simulated, Duration step, Duration pause, Topics... topics) {
        this.sim = new Simulator(config);
        this.topics = topics;
        this.sinks = java.util.Arrays.stream(topics).map(t -> new KafkaEventSink(client, t)).toList();
        this.partitions = partitions;
        this.counting = new CountingSink(sinks);
        this.simulated = simulated;
        this.step = step;
        this.pause = pause;
        this.simulatedNow = config.start();
        sim.emitProfiles(counting);
        sinks.forEach(KafkaEventSink::flush);
        this.thread = new Thread(this::produce, "fault-load");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void produce() {
        try {
            Instant end = sim.config().start().plus(simulated);
            while (!stop && simulatedNow.isBefore(end)) {
                simulatedNow = sim.advance(step, counting);
                Thread.sleep(pause.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Waits until all simulated time is produced, then sends the closing events and flushes. */
    Instant finish(Duration windowSize, Duration grace) throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the load failed", failure);
        }
        // past every simulated window's end plus the grace, on every partition of every input topic (a partition's
        // event time is its slowest topic's): all windows with simulated events close
        Instant closing = simulatedNow.plus(windowSize).plus(grace).plus(Duration.ofMinutes(1));
        for (int p = 0; p < partitions; p++) {
            String key = keyFor(p, partitions);
            counting.webTraffic(key, WebTraffic.newBuilder().setEventId("closing-web-" + p).setTimestamp(closing).setCustomerId(null)
                    .setSessionId(key).setPath(null).setTouchpoint("home").setChannel("web").setHttpStatus(200).setLatencyMs(100).setAbandoned(false).build());
            counting.search(key, SearchEvent.newBuilder().setEventId("closing-search-" + p).setTimestamp(closing).setCustomerId(null)
                    .setSessionId(key).setQuery("closing").setResultCount(1).build());
            counting.interaction(key, Interaction.newBuilder().setEventId("closing-interaction-" + p).setTimestamp(closing)
                    .setCustomerId(null).setKind(InteractionKind.VISIT).setTouchpoint("home").setChannel("store").build());
        }
        sinks.forEach(KafkaEventSink::flush);
        return closing;
    }

    /** A record key the default partitioner sends to partition {@code p}. */
    static String keyFor(int p, int partitions) {
        for (int i = 0; ; i++) {
            String key = "closing-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == p) {
                return key;
            }
        }
    }

    long events() {
        return counting.events.get();
    }

    Instant simulatedNow() {
        return simulatedNow;
    }

    /** Events that could not be produced (a broker outage longer than the producer's delivery timeout). */
    long failures() {
        return sinks.stream().mapToLong(KafkaEventSink::failures).sum();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(10_000);
        sinks.forEach(KafkaEventSink::close);
    }

    /** Fans every record out to each sink and counts events. */
    private static final class CountingSink implements io.touchpulse.sim.EventSink {
        private final List<KafkaEventSink> sinks;
        private final AtomicLong events = new AtomicLong();

        CountingSink(List<KafkaEventSink> sinks) {
            this.sinks = sinks;
        }

        @Override
        public void profile(String key, io.touchpulse.schema.CustomerProfile p) {
            sinks.forEach(s -> s.profile(key, p));
        }

        @Override
        public void webTraffic(String key, WebTraffic e) {
            events.incrementAndGet();
            sinks.forEach(s -> s.webTraffic(key, e));
        }

        @Override
        public void search(String key, io.touchpulse.schema.SearchEvent e) {
            events.incrementAndGet();
            sinks.forEach(s -> s.search(key, e));
        }

        @Override
        public void interaction(String key, io.touchpulse.schema.Interaction e) {
            events.incrementAndGet();
            sinks.forEach(s -> s.interaction(key, e));
        }
    }
}
