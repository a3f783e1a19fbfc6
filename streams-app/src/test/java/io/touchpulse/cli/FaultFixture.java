package io.touchpulse.cli;

import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fault tests share: an embedded broker on a data directory of its own (so it can be restarted), the
 * app's settings, child processes and temporary directories to clean up, and the CI/full switch:
 * {@code -Dtouchpulse.faults.full=true} runs more events and more faults for minutes instead of seconds.
 */
final class FaultFixture implements AutoCloseable {
    static final boolean FULL = Boolean.getBoolean("touchpulse.faults.full");
    static final int PARTITIONS = 3;
    static final Duration WINDOW_SIZE = Duration.ofMinutes(5);
    static final Duration WINDOW_ADVANCE = Duration.ofMinutes(1);
    /**
     * The load runs about 60x faster than real time, and a task reads its three input topics as the consumer fetches
     * them: 30 s of grace would be half a second of wall time, and records of one topic fetched a second after another
     * topic's went to the dead letters as LATE. Ten simulated minutes is ten seconds of wall time.
     */
    static final Duration GRACE = Duration.ofMinutes(3);

    final String name;
    final Path brokerDir;
    final int brokerPort;
    EmbeddedKafkaBroker broker;
    private final List<Path> dirs = new ArrayList<>();
    private final List<AppProcess> processes = new ArrayList<>();

    FaultFixture(String name) throws IOException {
        this.name = name;
        this.brokerDir = tempDir("broker");
        this.broker = EmbeddedKafkaBroker.start(0, brokerDir);
        this.brokerPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
    }

    Path tempDir(String what) throws IOException {
        Path d = Files.createTempDirectory("tp-" + name + "-" + what);
        dirs.add(d);
        return d;
    }

    /** The app's settings: exactly-once (the default), the window geometry the recount uses, no alert delivery. */
    Map<String, String> settings(String applicationId, Path stateDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("application.id", applicationId);
        m.put("state.dir", stateDir.toString());
        m.put("topic.partitions", String.valueOf(PARTITIONS));
        m.put("window.size", "5m");
        m.put("window.advance", "1m");
        m.put("window.grace", GRACE.toMinutes() + "m");
        m.put("http.host", "127.0.0.1");
        m.put("http.port", "0");
        m.put("alert.delivery", "false");
        // idleness is decided on wall time per task: on this shared 2-core machine (load 10+) a task that had input
        // buffered but not yet processed 10 s after its start was declared idle, and the windows closed without it.
        // These tests are about crashes, so they wait longer; README "Fault tests" has the numbers.
        m.put("watermark.idle-timeout", "60s");
        // a SIGKILLed member stays in the group until its session times out (45 s by default), and its tasks wait
        m.put("kafka.session.timeout.ms", "6000");
        m.put("kafka.heartbeat.interval.ms", "1500");
        return m;
    }

    TouchpulseConfig config(Map<String, String> settings) {
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.putAll(settings);
        m.put("bootstrap.servers", broker.bootstrapServers());
        return TouchpulseConfig.from(m);
    }

    /** Creates the topics as the app would (compacted profiles), before any event is produced. */
    void createTopics(Map<String, String> settings, Topics topics) {
        PipelineRuntime.ensureTopics(config(settings), topics);
    }

    Map<String, Object> client() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    /** Simulated traffic of yesterday afternoon (busy hours), every timestamp in the past. */
    static SimConfig sim(long seed, int customers, double peakEventsPerSecond) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(10));
        return new SimConfig(seed, start, customers, peakEventsPerSecond, List.of());
    }

    AppProcess startApp(Map<String, String> settings, String label) throws IOException, InterruptedException {
        // logs stay in target/ for reading after a failure
        Path logs = Files.createDirectories(Path.of("target", "fault-logs", name));
        AppProcess p = AppProcess.start(broker.bootstrapServers(), settings, logs.resolve(label + ".log"));
        processes.add(p);
        return p;
    }

    /** Stops the broker cleanly and starts it again on the same port and data directory. */
    Duration restartBroker(Duration down) throws InterruptedException {
        long t0 = System.nanoTime();
        broker.close();
        Thread.sleep(down.toMillis());
        broker = EmbeddedKafkaBroker.start(brokerPort, brokerDir);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The time up to which every window is final once the closing events at {@code closing} are processed. */
    static long finalUntil(Instant closing) {
        long t = closing.minus(GRACE).toEpochMilli();
        return Math.floorDiv(t, WINDOW_ADVANCE.toMillis()) * WINDOW_ADVANCE.toMillis();
    }

    @Override
    public void close() {
        for (AppProcess p : processes) {
            try {
                p.kill();
            } catch (Exception e) {
                // best effort: the test result matters more
            }
        }
        if (broker != null) {
            broker.close();
        }
        dirs.forEach(DemoCommand::deleteQuietly);
    }
}
