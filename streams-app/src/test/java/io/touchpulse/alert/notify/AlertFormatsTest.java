package io.touchpulse.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpulse.alert.TestAlerts;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.touchpulse.alert.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Each format's output, field by field, for a firing and a resolved alert. */
class AlertFormatsTest {
    private static final Alert FIRING = TestAlerts.firing("premium", "checkout", "error_rate", Severity.CRITICAL);
    private static final Alert RESOLVED = TestAlerts.resolved(TestAlerts.firing("premium", "checkout", "latency_p95_ms", Severity.WARNING),
            T0.plusSeconds(600));
    private static final Instant ATTEMPT = Instant.parse("2026-03-02T10:06:00Z");
    private static final Notification N = new Notification("msg_abc", "ops", "root:{segment=\"premium\", touchpoint=\"checkout\"}",
            Map.of("segment", "premium", "touchpoint", "checkout"), List.of(AlertView.of(FIRING), AlertView.of(RESOLVED)), T0.plusSeconds(30));

    private static JsonNode json(Outgoing o) throws Exception {
        return Json.MAPPER.readTree(o.body());
    }

    @Test
    void verbatimsAreRedactedAgainOnTheWayOut() {
        AlertView v = AlertView.of(FIRING);
        assertThat(v.evidence().verbatims().get(0)).contains("[phone]").doesNotContain("7946");
        assertThat(v.severity()).isEqualTo("critical");
        assertThat(v.labels()).containsEntry("alertname", "TouchpointDegraded").containsEntry("fingerprint", FIRING.getFingerprint());
    }

    @Test
    void touchpulseWebhookIsSignedOverTheExactBodyWithTheNotificationIdAsWebhookId() throws Exception {
        String secret = StandardWebhookSigner.generateSecret();
        Outgoing o = new TouchpulseWebhookFormat(URI.create("http://127.0.0.1:1/hook"), StandardWebhookSigner.of(secret), "http://tp")
                .render(N, ATTEMPT).get(0);
        assertThat(o.headers()).containsEntry("webhook-id", "msg_abc").containsEntry("webhook-timestamp", Long.toString(ATTEMPT.getEpochSecond()));
        assertThat(StandardWebhookSigner.verify(secret, "msg_abc", o.headers().get("webhook-timestamp"), o.body(), o.headers().get("webhook-signature"))).isTrue();
        JsonNode body = json(o);
        assertThat(body.get("type").asText()).isEqualTo("touchpulse.alerts.firing");
        JsonNode alert = body.get("data").get("alerts").get(0);
        assertThat(alert.get("fingerprint").asText()).isEqualTo(FIRING.getFingerprint());
        assertThat(alert.get("windowEnd").asText()).isEqualTo(FIRING.getWindowEnd().toString());
        assertThat(alert.get("evidence").get("reasonCounts").get("HTTP_5XX").asLong()).isEqualTo(120);
        assertThat(body.get("data").get("alerts").get(1).get("status").asText()).isEqualTo("resolved");
    }

    @Test
    void alertmanagerWebhookV4HasTheFieldsAlertmanagerConsumersRead() throws Exception {
        JsonNode b = json(new AlertmanagerWebhookFormat(URI.create("http://x/"), null, "http://tp:8080").render(N, ATTEMPT).get(0));
        assertThat(b.get("version").asText()).isEqualTo("4");
        assertThat(b.get("status").asText()).isEqualTo("firing");
        assertThat(b.get("receiver").asText()).isEqualTo("ops");
        assertThat(b.get("groupKey").asText()).isEqualTo(N.groupKey());
        assertThat(b.get("externalURL").asText()).isEqualTo("http://tp:8080");
        assertThat(b.get("groupLabels").get("touchpoint").asText()).isEqualTo("checkout");
        assertThat(b.get("commonLabels").get("segment").asText()).isEqualTo("premium");
        assertThat(b.get("commonLabels").has("metric")).as("differs between the two alerts").isFalse();
        assertThat(b.has("commonAnnotations")).isTrue();
        JsonNode firing = b.get("alerts").get(0);
        assertThat(firing.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(firing.get("annotations").get("evidence").asText()).contains("HTTP_5XX 120").contains("payment failed (14)");
        assertThat(firing.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(firing.get("generatorURL").asText()).isEqualTo("http://tp:8080/?segment=premium&touchpoint=checkout");
        JsonNode resolved = b.get("alerts").get(1);
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("endsAt").asText()).isEqualTo(T0.plusSeconds(600).toString());
    }

    @Test
    void slackMessageHasHeaderFieldsContextAndAFallbackAndEscapesCustomerText() throws Exception {
        JsonNode b = json(new SlackFormat(URI.create("https://hooks.slack.invalid/T/B/x"), "http://tp").render(N, ATTEMPT).get(0));
        assertThat(b.get("text").asText()).startsWith("FIRING: premium customers failing at checkout");
        JsonNode blocks = b.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("text").asText()).contains("FIRING").contains("premium × checkout");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).get("fields")).hasSize(6);
        assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
        String context = blocks.get(2).get("elements").get(0).get("text").asText();
        assertThat(context).contains("&lt;!channel&gt;").doesNotContain("<!channel>").contains("<http://tp/?segment=premium&touchpoint=checkout|open in Touchpulse>");
    }

    @Test
    void pagerDutyTriggersAndResolvesPerAlertWithTheFingerprintAsDedupKey() throws Exception {
        List<Outgoing> out = new PagerDutyFormat(null, "R0UTINGKEY", "http://tp").render(N, ATTEMPT);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).uri()).isEqualTo(PagerDutyFormat.DEFAULT_URL);
        JsonNode trigger = json(out.get(0));
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTINGKEY");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo(FIRING.getFingerprint());
        assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asText()).isEqualTo("touchpulse/premium/checkout");
        assertThat(trigger.get("payload").get("custom_details").get("evidence").get("verbatims")).hasSize(2);
        JsonNode resolve = json(out.get(1));
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(RESOLVED.getFingerprint());
        assertThat(PagerDutyFormat.severity("warning")).isEqualTo("warning");
        assertThat(PagerDutyFormat.severity("info")).isEqualTo("info");
    }

    @Test
    void alertmanagerApiUsesWallClockTimesAndEndsTheOldSeverityOnAnEscalation() throws Exception {
        Notification escalated = new Notification("msg_2", "am", "g", Map.of(), List.of(AlertView.of(FIRING)), T0, Map.of(FIRING.getFingerprint(), "warning"));
        Outgoing o = new AlertmanagerApiFormat(URI.create("http://am:9093/"), null, "http://tp", Duration.ofMinutes(1)).render(escalated, ATTEMPT).get(0);
        assertThat(o.uri()).isEqualTo(URI.create("http://am:9093/api/v2/alerts"));
        JsonNode alerts = json(o);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(alerts.get(0).get("endsAt").asText()).isEqualTo(ATTEMPT.plus(Duration.ofMinutes(4)).toString());
        assertThat(alerts.get(1).get("labels").get("severity").asText()).isEqualTo("warning");
        assertThat(alerts.get(1).get("endsAt").asText()).isEqualTo(ATTEMPT.toString());
        for (String label : List.of("alertname", "segment", "touchpoint", "metric", "severity", "fingerprint")) {
            assertThat(alerts.get(0).get("labels").has(label)).as(label).isTrue();
        }
        // a resolution whose event-time end lies ahead of the wall clock (fast simulated time) resolves now
        Alert future = TestAlerts.resolved(FIRING, ATTEMPT.plus(Duration.ofDays(1)));
        JsonNode r = json(new AlertmanagerApiFormat(URI.create("http://am:9093"), "tok", "", Duration.ofMinutes(1))
                .render(new Notification("m", "am", "g", Map.of(), List.of(AlertView.of(future)), T0), ATTEMPT).get(0)).get(0);
        assertThat(r.get("endsAt").asText()).isEqualTo(ATTEMPT.toString());
    }
}
