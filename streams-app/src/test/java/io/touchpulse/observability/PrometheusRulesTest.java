package io.touchpulse.observability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * prometheus/ as Prometheus itself reads it: {@code promtool check config}, {@code check rules} and
 * the rule unit tests ({@code test rules}), plus that every alerting rule has a unit test and the
 * labels and annotations receivers show. promtool comes with Debian's {@code prometheus} package,
 * which CI installs; the test is skipped where it is absent.
 */
class PrometheusRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @BeforeAll
    static void promtoolInstalled() {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus); CI installs it");
    }

    @Test
    void configIsValid() throws Exception {
        promtool("check", "config", "prometheus.yml");
    }

    @Test
    void rulesAreValid() throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        ObservabilityFiles.ruleFiles().forEach(f -> args.add(ObservabilityFiles.prometheusDir().relativize(f).toString()));
        promtool(args.toArray(String[]::new));
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        ObservabilityFiles.ruleTestFiles().forEach(f -> args.add(ObservabilityFiles.prometheusDir().relativize(f).toString()));
        assertThat(args).hasSizeGreaterThan(2);
        promtool(args.toArray(String[]::new));
    }

    @Test
    void everyAlertingRuleHasAUnitTestASeverityAndASummary() {
        Set<String> tested = new HashSet<>();
        for (Path f : ObservabilityFiles.ruleTestFiles()) {
            ObservabilityFiles.yaml(f).path("tests").forEach(t -> t.path("alert_rule_test").forEach(a -> tested.add(a.path("alertname").asText())));
        }
        List<RuleExpressions.Rule> alerts = RuleExpressions.all().stream().filter(RuleExpressions.Rule::alert).toList();
        assertThat(alerts).isNotEmpty();
        for (RuleExpressions.Rule r : alerts) {
            assertThat(tested).as(r.where() + " has a promtool unit test").contains(r.name());
            assertThat(r.node().path("labels").path("severity").asText()).as(r.where() + " severity").isIn("critical", "warning", "info");
            assertThat(r.node().path("annotations").path("summary").asText()).as(r.where() + " summary").isNotBlank();
            assertThat(r.node().path("annotations").path("description").asText()).as(r.where() + " description").isNotBlank();
        }
    }

    /** Runs promtool in prometheus/ (rule paths there are relative) and fails with its output unless it exits 0. */
    private static void promtool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PROMTOOL.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ObservabilityFiles.prometheusDir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " →\n" + out).isZero();
    }
}
