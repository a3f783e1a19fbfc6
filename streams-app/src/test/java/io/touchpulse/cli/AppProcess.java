package io.touchpulse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code touchpulse run} in a JVM of its own, so a test can crash it for real: {@link #kill()} is SIGKILL
 * ({@link Process#destroyForcibly()}), no shutdown hook, no clean leave of the consumer group, no flushed state.
 * The child uses this JVM's java binary and class path; its output goes to a log file the test names on failure.
 */
final class AppProcess implements AutoCloseable {
    private static final Pattern API_LINE = Pattern.compile("API +http://localhost:(\\d+)/");

    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code run --port 0} with these settings, its output to {@code log} (overwritten), and returns once it has printed its HTTP port (the pipeline
     * may still be restoring then).
     */
    static AppProcess start(String bootstrap, Map<String, String> settings, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-XX:+UseSerialGC",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.touchpulse.schema",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--bootstrap-servers", bootstrap, "--port", "0"));
        settings.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = API_LINE.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
            if (m.find()) {
                return new AppProcess(p, log, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("touchpulse run exited with " + p.exitValue() + "; see " + log);
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("touchpulse run printed no API address within 60 s; see " + log);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits until the pipeline has logged its transition to RUNNING (restored and processing); the time waited. */
    Duration awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("-> RUNNING")) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("touchpulse run exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the pipeline was not RUNNING within " + timeout + "; see " + log);
    }

    /** The lines of this instance's Prometheus metrics whose names start with {@code prefix}; empty if it does not answer. */
    List<String> metrics(String prefix) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.body().lines().filter(l -> l.startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The sum of the samples of metric {@code name} (exact name, e.g. {@code touchpulse_streams_tasks}) whose labels contain
     * {@code labels} (e.g. {@code state="active"}; empty: all); NaN when the instance does not answer or has no such series.
     */
    double metric(String name, String labels) {
        double sum = Double.NaN;
        for (String line : metrics(name)) {
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean sameName = series.equals(name) || series.startsWith(name + "{");
            if (sameName && series.contains(labels)) {
                double v = Double.parseDouble(line.substring(space + 1));
                sum = Double.isNaN(sum) ? v : sum + v;
            }
        }
        return sum;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to commit, flush, checkpoint or leave its group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL for 20 s");
        }
    }

    /** A clean stop (SIGTERM: the shutdown hook closes the app); SIGKILL if it takes longer than 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
