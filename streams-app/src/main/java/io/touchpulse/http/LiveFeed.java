package io.touchpulse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * GET /api/stream: the live page's server-sent events. One scheduler thread computes one snapshot per tick (not one
 * per client: every open page costs one write, not one set of store queries) and pushes it as a {@code snapshot}
 * event to every connected client; a new client gets a snapshot at once. All writes happen on that one thread, so a
 * client never sees two events interleaved. Keep-alive comments let proxies and the browser notice dead connections;
 * a client whose write fails is dropped.
 */
public final class LiveFeed implements AutoCloseable {
    static final String PATH = "/api/stream";
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final LiveSources sources;
    private final Duration interval;
    private final long keepAliveEveryTicks;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "touchpulse-live-feed");
        t.setDaemon(true);
        return t;
    });
    private long ticks;

    /**
     * @param interval  time between snapshots (the page's refresh rate), at least 100 ms
     * @param keepAlive time between keep-alive comments
     */
    public LiveFeed(LiveSources sources, Duration interval, Duration keepAlive, Clock clock) {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("live feed interval must be at least 100ms, got " + interval);
        }
        if (keepAlive.compareTo(interval) < 0) {
            throw new IllegalArgumentException("live feed keep-alive (" + keepAlive + ") must not be shorter than its interval (" + interval + ")");
        }
        this.sources = sources;
        this.interval = interval;
        this.keepAliveEveryTicks = Math.max(1, keepAlive.toMillis() / interval.toMillis());
        this.clock = clock;
    }

    /** Registers GET /api/stream on the app and starts ticking. */
    void register(Javalin app) {
        app.sse(PATH, this::connect);
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    int clients() {
        return clients.size();
    }

    /** The snapshot as JSON, the body of one {@code snapshot} event. */
    String snapshotJson() {
        try {
            return json.writeValueAsString(sources.snapshot(clock.instant()));
        } catch (JsonProcessingException e) {
            // only maps, lists, strings and numbers go in: this would be a bug in a section's JSON
            throw new IllegalStateException("live snapshot is not serialisable: " + e.getMessage(), e);
        }
    }

    private void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        try {
            scheduler.execute(() -> send(client, snapshotJson()));
        } catch (RejectedExecutionException e) {
            // the server is shutting down
            clients.remove(client);
            client.close();
        }
    }

    private void tick() {
        try {
            ticks++;
            if (clients.isEmpty()) {
                return;
            }
            String snapshot = snapshotJson();
            boolean keepAlive = ticks % keepAliveEveryTicks == 0;
            for (SseClient c : clients) {
                if (keepAlive) {
                    comment(c);
                }
                send(c, snapshot);
            }
        } catch (RuntimeException e) {
            // never let one bad tick cancel the schedule
            log.warn("live feed tick failed: {}", e.toString());
        }
    }

    private void send(SseClient c, String snapshot) {
        try {
            if (c.terminated()) {
                clients.remove(c);
                return;
            }
            c.sendEvent("snapshot", snapshot);
        } catch (RuntimeException e) {
            drop(c, e);
        }
    }

    private void comment(SseClient c) {
        try {
            c.sendComment("keep-alive");
        } catch (RuntimeException e) {
            drop(c, e);
        }
    }

    private void drop(SseClient c, RuntimeException e) {
        log.debug("live feed client dropped: {}", e.toString());
        clients.remove(c);
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the connection is closing anyway
            }
        }
        clients.clear();
    }
}
