package io.touchpulse.alert.dispatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.alert.LocalReceiver;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.alert.notify.StandardWebhookSigner;
import io.touchpulse.broker.EmbeddedKafkaBroker;
import io.touchpulse.config.ConfigSources;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.http.HttpApi;
import io.touchpulse.http.InsightsView;
import io.touchpulse.http.QuerySources;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import io.touchpulse.topology.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every secret the app is given, and none of them in the logs: the Kafka pass-through (a JAAS config
 * with a password, SSL passwords), the HTTP write token, and each receiver's secret (a webhook signing
 * key, a Slack URL whose path is the secret, a PagerDuty routing key, an Alertmanager bearer token),
 * while deliveries to those receivers fail and are retried (the log lines most likely to leak a URL)
 * and a write is refused. All log output, at INFO and above (Kafka's client config dumps included),
 * is captured through logback and searched, stack traces included.
 */
class SecretsNeverLoggedTest {
    private static final String JAAS_PASSWORD = "jaas-Pa55word-7c1e";
    private static final String SSL_PASSWORD = "ssl-Pa55word-90ab";
    private static final String WRITE_TOKEN = "write-token-4f2d9e";
    private static final String SLACK_SECRET_PATH = "T000SECRET/B000SECRET/XXXXslacksecretXXXX";
    private static final String PAGERDUTY_KEY = "pd-routing-key-0123456789abcdef";
    private static final String ALERTMANAGER_TOKEN = "am-bearer-token-fedcba";

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInAnyLogLine() throws Exception {
        String webhookSecret = StandardWebhookSigner.generateSecret();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger kafkaLogger = logs.getLogger("org.apache.kafka");
        Level kafkaLevel = kafkaLogger.getLevel();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null);
             LocalReceiver down = LocalReceiver.reserve()) { // never started: every delivery fails
            captured.setContext(logs);
            captured.start();
            logs.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
            kafkaLogger.setLevel(Level.INFO); // the client config dumps ("ProducerConfig values: …") too

            Map<String, String> env = Map.of(
                    "TOUCHPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "TOUCHPULSE_APPLICATION_ID", "secrets-it",
                    "TOUCHPULSE_HTTP_WRITE_TOKEN", WRITE_TOKEN,
                    "TOUCHPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"tp\" password=\""
                            + JAAS_PASSWORD + "\";",
                    "TOUCHPULSE_KAFKA_SSL_KEYSTORE_PASSWORD", SSL_PASSWORD);
            TouchpulseConfig config = TouchpulseConfig.from(ConfigSources.merge(null, env, Map.of()));
            String base = down.url("");
            AlertingConfig alerting = AlertingConfigLoader.parse("""
                    route: {receivers: [hook, slack, pager, am], groupWait: 0s, groupInterval: 1s}
                    receivers:
                      - {name: hook, type: webhook, url: "%1$s/hook", secretFile: %2$s, retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxAttempts: 3}}
                      - {name: slack, type: slack, secretFile: %3$s, retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxAttempts: 3}}
                      - {name: pager, type: pagerduty, url: "%1$s/pd", secretFile: %4$s, retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxAttempts: 3}}
                      - {name: am, type: alertmanager, url: "%1$s", secretFile: %5$s, retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxAttempts: 3}}
                    """.formatted(base, file("hook", webhookSecret), file("slack", base + "/services/" + SLACK_SECRET_PATH),
                    file("pd", PAGERDUTY_KEY), file("am", ALERTMANAGER_TOKEN)), "test");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (DispatcherService dispatcher = DispatcherService.start(config, alerting, registry, Secrets.fromEnvironment(), Clock.systemUTC());
                 HttpApi http = HttpApi.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                         new SilenceEndpoint(dispatcher, Clock.systemUTC()), QuerySources.local(io.touchpulse.http.FixedPipeline.empty(), InsightsView.NONE),
                         HttpApi.LIVE_INTERVAL, config.httpSecurity())) {
                await().atMost(Duration.ofSeconds(60)).until(dispatcher::isActive);
                produce(config, broker.bootstrapServers(), TestAlerts.firing("premium", "checkout", "error_rate", Severity.CRITICAL));
                HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + http.port() + "/api/silences")).header("Authorization", "Bearer not-" + WRITE_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(60)).until(() -> List.of("hook", "slack", "pager", "am").stream().allMatch(r ->
                        registry.find("touchpulse_alert_deliveries").tags("receiver", r, "outcome", "failed").counter().count() >= 1));
            }
        } finally {
            logs.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
            kafkaLogger.setLevel(kafkaLevel);
        }
        List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(lines).as("something was logged, failures included").anyMatch(l -> l.contains("alert notification"))
                .anyMatch(l -> l.contains("sasl.jaas.config = [hidden]")); // the pass-through reached the clients, and Kafka masks it
        String webhookKey = webhookSecret.substring("whsec_".length());
        for (String secret : List.of(JAAS_PASSWORD, SSL_PASSWORD, WRITE_TOKEN, SLACK_SECRET_PATH, "slacksecret", PAGERDUTY_KEY, ALERTMANAGER_TOKEN, webhookKey)) {
            assertThat(lines).as("log lines containing " + secret).noneMatch(l -> l.contains(secret));
        }
        System.out.printf("secrets: %d log lines searched%n", lines.size());
    }

    private String file(String name, String secret) throws Exception {
        return Files.writeString(dir.resolve(name), secret).toString();
    }

    private static void produce(TouchpulseConfig c, String bootstrap, Alert a) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(c.topicPrefix() + "alerts", "k", AvroSerde.of(Alert.class).serialize("", a))).get();
        }
    }
}
