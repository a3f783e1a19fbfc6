package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.observability.DashboardQueries;
import io.touchpulse.observability.ObservabilityFiles;
import io.touchpulse.observability.PrometheusServer;
import io.touchpulse.observability.RuleExpressions;
import io.touchpulse.sim.SimulationRunner;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every query of the dashboards and rules against the real thing: the app as {@code demo} runs it
 * (embedded broker, simulator with an hour of history and the checkout incident, so alerts fire) is
 * scraped by a real Prometheus with the project's config and rules, and each PromQL expression must
 * evaluate without error and return at least one sample. A metric renamed in code, a label a
 * dashboard expects but the app does not emit, a recording rule a panel needs but nobody defines:
 * all show up here, not on a blank panel in production.
 * <ul>
 *   <li>Dashboard variables: multi-value/"All" ones become {@code .*} (what Grafana sends for All);
 *       single-value ones take the first value Prometheus has; {@code $__rate_interval} etc. become
 *       durations that fit the 1 s scrape.</li>
 *   <li>Recording rules: the expression itself.</li>
 *   <li>Alerting rules describe failures, so a healthy app gives no data for them by design. For each
 *       we evaluate the signals the condition compares instead, without the thresholds
 *       ({@link RuleExpressions#signals}): if a signal has no data, the alert could never fire.</li>
 * </ul>
 * Errors fail at once; "no data" is re-checked until every query has data or {@link #WAIT} passes
 * (rates need two scrapes, Kafka's task metrics appear after the binder's rescan), then the test
 * fails listing every query still empty. Prometheus comes from the Debian package (CI installs it);
 * the test is skipped where it is absent.
 */
class PromQlAgainstDemoTest {
    private static final Duration WAIT = Duration.ofSeconds(75);
    private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "20s", "__interval", "5s", "__range", "5m");

    private static EmbeddedKafkaBroker broker;
    private static AppServices app;
    private static SimulationRunner runner;
    private static KafkaEventSink sink;
    private static PrometheusServer prometheus;
    private static Path stateDir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PrometheusServer.BINARY), "prometheus is not installed (Debian package prometheus); CI installs it");
        broker = EmbeddedKafkaBroker.start(0, null);
        stateDir = Files.createTempDirectory("obs-promql-state");
        Map<String, String> m = new HashMap<>(TouchpulseConfig.DEFAULTS);
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("state.dir", stateDir.toString());
        m.put("application.id", "obs-promql");
        m.put("validation.max-future-skew", "3650d"); // simulated time runs ahead of the clock, as in demo
        TouchpulseConfig config = TouchpulseConfig.from(m);
        PipelineRuntime.ensureTopics(config, Topics.withPrefix(config.topicPrefix()));
        app = AppServices.start(config);

        SimOptions sim = new SimOptions();
        sim.speed = 60;
        sim.seed = 42;
        sim.history = "1h";
        sim.customers = 2000;
        sim.incidents = new ArrayList<>(List.of("checkout-5xx"));
        sink = new KafkaEventSink(config.kafkaClientMap(), Topics.withPrefix(config.topicPrefix()));
        Simulator simulator = new Simulator(sim.simConfig(200));
        simulator.emitProfiles(sink);
        runner = new SimulationRunner(simulator, sink, sim.speed, null, sim.liveStart());
        Thread t = new Thread(runner, "obs-simulator");
        t.setDaemon(true);
        t.start();
        // one unreadable record, so the dead-letter series a healthy simulation never produces exist
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(config.kafkaClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.withPrefix(config.topicPrefix()).webTraffic(), "bad".getBytes(), "not avro".getBytes())).get();
        }
        prometheus = PrometheusServer.start("127.0.0.1:" + app.http.port());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(prometheus::ready);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (runner != null) {
            runner.stop();
        }
        if (sink != null) {
            sink.close();
        }
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
        DemoCommand.deleteQuietly(stateDir);
    }

    @Test
    void everyDashboardAndRuleQueryReturnsData() throws Exception {
        List<String> empty = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            empty = queriesWithoutData();
            if (empty.isEmpty()) {
                break;
            }
            Thread.sleep(2000);
        } while (System.nanoTime() < deadline);
        assertThat(empty).as("queries without data after " + WAIT.toSeconds() + " s of scraping (Prometheus log:\n" + prometheus.log() + ")").isEmpty();
    }

    /** All queries once; fails at once on a query error, returns those without data. */
    private static List<String> queriesWithoutData() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path f : ObservabilityFiles.dashboards()) {
            JsonNode d = ObservabilityFiles.json(f);
            Map<String, String> values = variableValues(f, d);
            if (values == null) {
                return List.of(f.getFileName() + ": a variable without values yet");
            }
            for (DashboardQueries.Query q : DashboardQueries.variableQueries(f, d)) {
                queries.put(q.where(), DashboardQueries.substitute(q.expr(), values));
            }
            for (DashboardQueries.Query q : DashboardQueries.targets(f, d)) {
                queries.put(q.where(), DashboardQueries.substitute(q.expr(), values));
            }
        }
        for (RuleExpressions.Rule r : RuleExpressions.all()) {
            if (r.alert()) {
                List<String> signals = RuleExpressions.signals(r.expr());
                for (int i = 0; i < signals.size(); i++) {
                    queries.put(r.where() + " signal " + (i + 1), signals.get(i));
                }
            } else {
                queries.put(r.where(), r.expr());
            }
        }
        List<String> empty = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            JsonNode answer = prometheus.query(q.getValue());
            if (!"success".equals(answer.path("status").asText())) {
                errors.add(q.getKey() + ": " + answer.path("error").asText() + "\n    " + q.getValue());
            } else if (answer.path("data").path("result").isEmpty()) {
                empty.add(q.getKey() + ": " + q.getValue());
            }
        }
        assertThat(errors).as("queries Prometheus rejects").isEmpty();
        return empty;
    }

    /** A value per variable: {@code .*} where "All" is allowed, else the first value Prometheus has (null: none yet). */
    private static Map<String, String> variableValues(Path f, JsonNode d) throws Exception {
        Map<String, String> values = new HashMap<>(BUILT_INS);
        for (JsonNode v : d.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            if (v.path("includeAll").asBoolean()) {
                values.put(name, ".*");
                continue;
            }
            String promql = DashboardQueries.substitute(DashboardQueries.asPromQl(DashboardQueries.variableQuery(v)), values);
            List<String> found = new ArrayList<>();
            prometheus.query(promql).path("data").path("result").forEach(r -> found.add(r.path("metric").path(name).asText()));
            if (found.isEmpty()) {
                return null;
            }
            values.put(name, found.stream().sorted().findFirst().orElseThrow());
        }
        return values;
    }
}
