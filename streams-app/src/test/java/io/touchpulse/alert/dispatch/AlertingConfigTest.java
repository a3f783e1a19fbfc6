package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.HttpSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerting file: YAML or JSON, Alertmanager spellings, inheritance down the route tree, and errors that say where. */
class AlertingConfigTest {
    private static final String YAML = """
            externalUrl: https://touchpulse.example.com
            route:
              receiver: ops-webhook
              group_by: [segment, touchpoint]
              group_wait: 10s
              groupInterval: 2m
              routes:
                - match: {severity: critical}
                  receivers: [pager, ops-webhook]
                  repeat_interval: 1h
                  continue: true
                - matchRe: {touchpoint: "checkout|payment"}
                  receiver: checkout-slack
                  groupBy: [touchpoint]
            receivers:
              - name: ops-webhook
                type: webhook
                url: https://hooks.example.com/touchpulse
                secretEnv: OPS_WEBHOOK_SECRET
                retry: {initialBackoff: 2s, max_backoff: 30s, maxAttempts: 5}
              - name: pager
                type: pagerduty
                secret_file: %s
              - name: checkout-slack
                type: slack
                secretEnv: CHECKOUT_SLACK_URL
            """;

    @TempDir
    Path dir;

    private AlertingConfig parse() throws Exception {
        Path key = Files.writeString(dir.resolve("pd-key"), "R0UTING-KEY\n");
        return AlertingConfigLoader.parse(YAML.formatted(key), "test.yaml");
    }

    private static Secrets env() {
        return new Secrets(Map.of("OPS_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "CHECKOUT_SLACK_URL", "https://hooks.slack.invalid/services/T/B/x")::get);
    }

    @Test
    void routeTreeInheritsTimingAndReceiversAndMatchesLikeAlertmanager() throws Exception {
        AlertingConfig c = parse();
        Map<String, ReceiverBinding> receivers = Receivers.build(c, env(), HttpSender.defaultClient());
        RouteNode root = RouteNode.compileRoot(c.route(), receivers.keySet());
        assertThat(root.timing()).isEqualTo(new Timing(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofHours(4)));
        RouteNode critical = root.children().get(0);
        assertThat(critical.timing().repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(critical.timing().groupWait()).isEqualTo(Duration.ofSeconds(10));

        Map<String, String> criticalCheckout = Map.of("severity", "critical", "touchpoint", "checkout", "segment", "premium");
        assertThat(root.match(criticalCheckout)).extracting(RouteNode::id).containsExactly("root/0", "root/1");
        assertThat(root.match(Map.of("severity", "warning", "touchpoint", "payment"))).extracting(RouteNode::id).containsExactly("root/1");
        assertThat(root.match(Map.of("severity", "warning", "touchpoint", "checkout-v2"))).as("anchored regex").extracting(RouteNode::id).containsExactly("root");
        assertThat(root.children().get(1).groupLabels(criticalCheckout)).containsExactly(Map.entry("touchpoint", "checkout"));

        assertThat(receivers.get("ops-webhook").backoff()).isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 5, 0.2));
        assertThat(receivers.get("pager").timing()).isNull();
    }

    @Test
    void jsonWorksToo() {
        AlertingConfig c = AlertingConfigLoader.parse("""
                {"route": {"receiver": "log", "groupWait": "0s"}, "receivers": [{"name": "log", "type": "log"}]}
                """, "a.json");
        assertThat(RouteNode.compileRoot(c.route(), Receivers.build(c, env(), HttpSender.defaultClient()).keySet()).timing().groupWait()).isZero();
    }

    @Test
    void alertmanagerReceiverPacesItselfAndAlwaysSendsResolutions() {
        AlertingConfig c = AlertingConfigLoader.parse("""
                route: {receiver: am}
                receivers: [{name: am, type: alertmanager, url: "http://am:9093", resendInterval: 30s, sendResolved: false}]
                """, "t");
        ReceiverBinding am = Receivers.build(c, env(), HttpSender.defaultClient()).get("am");
        assertThat(am.timing()).isEqualTo(new Timing(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30)));
        assertThat(am.sendResolved()).isTrue();
    }

    @Test
    void mistakesAreReportedWithWhereAndWhatButNeverASecret() throws Exception {
        assertThatThrownBy(() -> AlertingConfigLoader.parse("route: {receiver: x, grop_by: [segment]}", "f.yaml"))
                .hasMessageContaining("f.yaml").hasMessageContaining("grop_by");
        AlertingConfig undefined = AlertingConfigLoader.parse("route: {receiver: nobody}\nreceivers: []", "f");
        assertThatThrownBy(() -> RouteNode.compileRoot(undefined.route(), java.util.Set.of())).hasMessageContaining("route root").hasMessageContaining("'nobody'");
        AlertingConfig badRegex = AlertingConfigLoader.parse("route: {receiver: a, routes: [{match_re: {segment: '('}}]}\nreceivers: [{name: a, type: log}]", "f");
        assertThatThrownBy(() -> RouteNode.compileRoot(badRegex.route(), java.util.Set.of("a")))
                .hasMessageContaining("route root/0").hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> Receivers.build(parse(), new Secrets(Map.of("CHECKOUT_SLACK_URL", "https://secret-url")::get), HttpSender.defaultClient()))
                .hasMessageContaining("ops-webhook").hasMessageContaining("OPS_WEBHOOK_SECRET").hasMessageNotContaining("secret-url");
        assertThatThrownBy(() -> Receivers.build(AlertingConfigLoader.parse("receivers: [{name: s, type: slack}]", "f"), env(), HttpSender.defaultClient()))
                .hasMessageContaining("receiver s").hasMessageContaining("Slack incoming-webhook URL");
        assertThatThrownBy(() -> Receivers.build(AlertingConfigLoader.parse("receivers: [{name: w, type: webhok, url: 'http://x'}]", "f"), env(), HttpSender.defaultClient()))
                .hasMessageContaining("webhok");
        AlertingConfig zeroRepeat = AlertingConfigLoader.parse("route: {receiver: a, repeat_interval: 0s}\nreceivers: [{name: a, type: log}]", "f");
        assertThatThrownBy(() -> RouteNode.compileRoot(zeroRepeat.route(), java.util.Set.of("a"))).hasMessageContaining("repeat interval");
    }

    @Test
    void theReadmeExampleIsAValidConfig() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\nexternalUrl:");
        assertThat(start).as("README has the alerting example").isPositive();
        String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        AlertingConfig c = AlertingConfigLoader.parse(yaml, "README.md");
        RouteNode root = RouteNode.compileRoot(c.route(), c.receiversOrEmpty().stream().map(AlertingConfig.Receiver::name).collect(java.util.stream.Collectors.toSet()));
        assertThat(root.match(Map.of("severity", "critical", "touchpoint", "payment"))).extracting(RouteNode::id).containsExactly("root/0", "root/1");
        assertThat(c.receiversOrEmpty()).extracting(AlertingConfig.Receiver::type).containsExactly("webhook", "slack", "pagerduty", "alertmanager");
    }

    @Test
    void defaultsSendEverythingToTheLog() {
        AlertingConfig d = AlertingConfig.defaults();
        assertThat(d.route().receiverNames()).containsExactly("log");
        AlertingConfig more = d.withRootReceiver(AlertingConfig.Receiver.of("hook", "webhook", "http://127.0.0.1:1/"));
        assertThat(more.route().receiverNames()).containsExactly("log", "hook");
        assertThat(Receivers.build(more, env(), HttpSender.defaultClient()).keySet()).containsExactly("log", "hook");
        assertThat(List.of(RouteNode.compileRoot(more.route(), java.util.Set.of("log", "hook")).groupBy())).containsExactly(RouteNode.DEFAULT_GROUP_BY);
    }
}
