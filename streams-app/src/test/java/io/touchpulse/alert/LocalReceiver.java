package io.touchpulse.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webhook receiver on 127.0.0.1 that can misbehave on cue: answer 500, hang past the
 * sender's timeout, answer slowly, or not be listening yet (connection refused). Records every
 * request it read, including those whose answer the sender never saw.
 */
public final class LocalReceiver implements AutoCloseable {

    /** How to answer the n-th request (1-based): a status, after a delay. */
    public record Behaviour(int status, long delayMillis) {
        public static final Behaviour OK = new Behaviour(200, 0);
    }

    /** One request as read, with the status it was answered (or meant to be answered) with. */
    public record Request(String path, String webhookId, String timestamp, String signature, String body, int status, long receivedAtMillis) {}

    private final int port;
    private volatile IntFunction<Behaviour> behaviour = n -> Behaviour.OK;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private HttpServer server;
    private ExecutorService pool;

    private LocalReceiver(int port) {
        this.port = port;
    }

    /** Reserves a free port but does not listen yet: senders get "connection refused" until {@link #start}. */
    public static LocalReceiver reserve() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new LocalReceiver(s.getLocalPort());
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public LocalReceiver behave(IntFunction<Behaviour> b) {
        this.behaviour = b;
        return this;
    }

    public synchronized LocalReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Behaviour b = behaviour.apply(count.incrementAndGet());
        synchronized (this) {
            requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("webhook-id"),
                    ex.getRequestHeaders().getFirst("webhook-timestamp"), ex.getRequestHeaders().getFirst("webhook-signature"),
                    body, b.status(), System.currentTimeMillis()));
        }
        try {
            if (b.delayMillis() > 0) {
                Thread.sleep(b.delayMillis());
            }
            ex.sendResponseHeaders(b.status(), -1);
        } catch (InterruptedException | IOException gone) {
            // the sender timed out and left: exactly the case under test
        } finally {
            ex.close();
        }
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
