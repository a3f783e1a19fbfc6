package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.http.ClusterQueries;
import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.Topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances of one application on one embedded broker, each with its own state dir and HTTP port, as the cluster
 * query tests run them; and how those tests ask an instance and read the cluster headers of its answer.
 */
final class ClusterOnBroker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The running instances; a test that stops one removes it, the rest are closed with the cluster. */
    final List<AppServices> apps = new ArrayList<>();
    private final EmbeddedKafkaBroker broker;
    private final Map<String, String> settings;
    private final List<Path> dirs = new ArrayList<>();

    /** @param extra settings over the cluster defaults (application id, partitions, standby replicas...) */
    private ClusterOnBroker(EmbeddedKafkaBroker broker, Map<String, String> extra) {
        this.broker = broker;
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("http.host", "127.0.0.1");
        m.put("http.port", "0");
        m.put("watermark.idle-timeout", "2s");
        m.put("alert.delivery", "false");
        m.putAll(extra);
        this.settings = Map.copyOf(m);
    }

    /** Starts a broker and {@code instances} instances, and waits until all run. */
    static ClusterOnBroker start(int instances, Map<String, String> settings) throws Exception {
        ClusterOnBroker cluster = new ClusterOnBroker(EmbeddedKafkaBroker.start(0, null), settings);
        try {
            for (int i = 0; i < instances; i++) {
                Path stateDir = Files.createTempDirectory("tp-cluster");
                cluster.dirs.add(stateDir);
                Map<String, String> m = new HashMap<>(cluster.settings);
                m.put("state.dir", stateDir.toString());
                cluster.apps.add(AppServices.start(TouchpulseConfig.from(m)));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> cluster.apps.stream().allMatch(a -> a.pipeline.isRunning()));
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** 12 simulated minutes of yesterday's traffic with a checkout incident: closed windows for every segment × touchpoint. */
    void produceTraffic(int customers) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
        SimConfig sim = new SimConfig(7, start, customers, 30, Incident.named(List.of("checkout-5xx"), Duration.ofMinutes(4)));
        try (KafkaEventSink sink = new KafkaEventSink(TouchpulseConfig.from(settings).kafkaClientMap(), Topics.defaults())) {
            Simulator simulator = new Simulator(sim);
            simulator.emitProfiles(sink);
            simulator.advance(Duration.ofMinutes(12), sink);
            sink.flush();
            assertThat(sink.failures()).isZero();
        }
    }

    @Override
    public void close() {
        apps.forEach(AppServices::close);
        broker.close();
        dirs.forEach(DemoCommand::deleteQuietly);
    }

    /** An answer and its cluster headers (answeredBy "" when absent, stale, partial and partitions null). */
    record Reply(int status, JsonNode json, String answeredBy, String stale, String partial, String partitions) {}

    static Reply get(AppServices app, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address(app) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue(ClusterQueries.ANSWERED_BY).orElse(""),
                r.headers().firstValue(ClusterQueries.STALE).orElse(null), r.headers().firstValue(ClusterQueries.PARTIAL).orElse(null),
                r.headers().firstValue(ClusterQueries.PARTITIONS).orElse(null));
    }

    /** The instance as the cluster headers name it. */
    static String address(AppServices app) {
        return "127.0.0.1:" + app.http.port();
    }
}
