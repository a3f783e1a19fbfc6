package io.touchpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.touchpulse.alert.notify.StandardWebhookSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The alert phase's webhook receiver: a JDK HTTP server on 127.0.0.1 that notes the wall-clock time each POST
 * arrived (after its whole body was read), answers 204 at once, and leaves parsing and signature checks for later,
 * so it adds nothing to what it measures.
 */
final class WebhookCollector implements AutoCloseable {
    /** One POST as it arrived. */
    record Post(long receivedAtMs, String webhookId, String timestamp, String signature, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Post> posts = new ArrayList<>();

    private WebhookCollector(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    static WebhookCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "bench-webhook-receiver");
                t.setDaemon(true);
                return t;
            });
            WebhookCollector c = new WebhookCollector(server, pool);
            server.setExecutor(pool);
            server.createContext("/", c::handle);
            server.start();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bench's webhook receiver on 127.0.0.1", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            long at = System.currentTimeMillis();
            ex.sendResponseHeaders(204, -1);
            var h = ex.getRequestHeaders();
            synchronized (this) {
                posts.add(new Post(at, h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    /** POSTs whose Standard Webhooks signature does not verify with {@code secret} (must be none). */
    static long badSignatures(List<Post> posts, String secret) {
        return posts.stream().filter(p -> p.signature() == null
                || !StandardWebhookSigner.verify(secret, p.webhookId(), p.timestamp(), p.body(), p.signature())).count();
    }

    /**
     * The first POST of each webhook-id (a retry repeats the id; the first arrival is when the receiver knew),
     * as {@link AlertLatencies.Received}: the payload's timestamp and the alerts it names.
     */
    static List<AlertLatencies.Received> received(List<Post> posts) {
        List<AlertLatencies.Received> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Post> inOrder = new ArrayList<>(posts);
        inOrder.sort(java.util.Comparator.comparingLong(Post::receivedAtMs));
        for (Post p : inOrder) {
            if (p.webhookId() != null && !seen.add(p.webhookId())) {
                continue;
            }
            try {
                JsonNode root = JSON.readTree(p.body());
                List<String> keys = new ArrayList<>();
                for (JsonNode a : root.path("data").path("alerts")) {
                    keys.add(AlertLatencies.key(a.path("fingerprint").asText(), a.path("status").asText(), a.path("severity").asText(),
                            Instant.parse(a.path("startsAt").asText()).toEpochMilli()));
                }
                out.add(new AlertLatencies.Received(p.receivedAtMs(), Instant.parse(root.path("timestamp").asText()).toEpochMilli(), keys));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("the bench's receiver got a webhook it cannot read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
