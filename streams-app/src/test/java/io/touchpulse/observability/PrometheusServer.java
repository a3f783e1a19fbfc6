package io.touchpulse.observability;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code prometheus} process for a test, on 127.0.0.1 and a free port, in a temp directory,
 * with the project's prometheus.yml and rule files, rewritten only where a test must differ: the
 * scrape target (the test's app) and 1 s scrape and evaluation intervals.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static PrometheusServer start(String target) throws IOException {
        Path dir = Files.createTempDirectory("obs-prometheus");
        Path project = ObservabilityFiles.prometheusDir();
        String config = Files.readString(project.resolve("prometheus.yml"));
        String rewritten = config.replace("touchpulse:8080", target)
                .replaceAll("scrape_interval: \\S+", "scrape_interval: 1s")
                .replaceAll("evaluation_interval: \\S+", "evaluation_interval: 1s");
        if (rewritten.equals(config) || !rewritten.contains(target)) {
            throw new IllegalStateException("prometheus.yml no longer has the touchpulse:8080 target this test replaces");
        }
        Files.writeString(dir.resolve("prometheus.yml"), rewritten);
        Files.createDirectories(dir.resolve("rules"));
        for (Path rules : ObservabilityFiles.ruleFiles()) {
            Files.copy(rules, dir.resolve("rules").resolve(rules.getFileName()));
        }
        int port = freePort();
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusServer(p, dir, port);
    }

    public boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code /api/v1/query}: the parsed answer; {@code status} is "error" (with {@code error}) for a bad query. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build();
        return ObservabilityFiles.JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
