package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.alert.notify.HttpSender;
import io.touchpulse.alert.notify.Json;
import io.touchpulse.alert.notify.Notification;
import io.touchpulse.alert.notify.Receiver;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our {@code alertmanager} receiver against a real Prometheus Alertmanager (the Debian package
 * {@code prometheus-alertmanager}, which CI installs; skipped where it is absent): a firing alert
 * shows up active in {@code GET /api/v2/alerts}, an escalation replaces the old severity, and the
 * resolution takes it out of the active alerts.
 */
class AlertmanagerReceiverTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process alertmanager;
    private static String url;
    private static Path dir;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed; CI installs it");
        dir = Files.createTempDirectory("tp-alertmanager");
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: blackhole
                  group_wait: 1s
                receivers:
                  - name: blackhole
                """);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stopAlertmanager() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Receiver receiver() {
        AlertingConfig c = AlertingConfigLoader.parse("""
                externalUrl: http://touchpulse.test:8080
                receivers: [{name: am, type: alertmanager, url: "%s"}]
                """.formatted(url), "test");
        return Receivers.build(c, new Secrets(k -> null), HttpSender.defaultClient()).get("am").receiver();
    }

    /** Active alerts (Alertmanager's default filter) with our fingerprint label. */
    private static List<JsonNode> active(String fingerprint) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : Json.MAPPER.readTree(get("/api/v2/alerts").body())) {
            if (fingerprint.equals(a.get("labels").path("fingerprint").asText())) {
                out.add(a);
            }
        }
        return out;
    }

    private static Notification notification(String id, Alert a, Map<String, String> previousSeverity) {
        return new Notification(id, "am", "g", Map.of(), List.of(AlertView.of(a)), Instant.now(), previousSeverity);
    }

    @Test
    void firingShowsUpActiveAndTheResolutionTakesItOut() throws Exception {
        Receiver am = receiver();
        Alert firing = TestAlerts.firing("premium", "checkout", "error_rate", Severity.WARNING);
        am.send(notification("n1", firing, Map.of()), Instant.now());

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> active(firing.getFingerprint()).size() == 1);
        JsonNode a = active(firing.getFingerprint()).get(0);
        assertThat(a.get("status").get("state").asText()).isEqualTo("active");
        assertThat(a.get("labels").get("alertname").asText()).isEqualTo("TouchpointDegraded");
        assertThat(a.get("labels").get("segment").asText()).isEqualTo("premium");
        assertThat(a.get("labels").get("touchpoint").asText()).isEqualTo("checkout");
        assertThat(a.get("labels").get("metric").asText()).isEqualTo("error_rate");
        assertThat(a.get("labels").get("severity").asText()).isEqualTo("warning");
        assertThat(a.get("annotations").get("summary").asText()).contains("premium customers failing at checkout");
        assertThat(a.get("annotations").get("evidence").asText()).contains("HTTP_5XX 120");
        assertThat(a.get("generatorURL").asText()).isEqualTo("http://touchpulse.test:8080/?segment=premium&touchpoint=checkout");
        assertThat(Instant.parse(a.get("endsAt").asText())).isAfter(Instant.now().plus(Duration.ofMinutes(3)));

        // escalation: the critical one replaces the warning one
        Alert critical = TestAlerts.withSeverity(firing, Severity.CRITICAL);
        am.send(notification("n2", critical, Map.of(firing.getFingerprint(), "warning")), Instant.now());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> now = active(firing.getFingerprint());
            return now.size() == 1 && now.get(0).get("labels").get("severity").asText().equals("critical");
        });

        am.send(notification("n3", TestAlerts.resolved(critical, Instant.now().minusSeconds(1)), Map.of()), Instant.now());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> active(firing.getFingerprint()).isEmpty());
        System.out.printf("alertmanager %s: firing, escalation and resolution round-tripped%n", url);
    }
}
