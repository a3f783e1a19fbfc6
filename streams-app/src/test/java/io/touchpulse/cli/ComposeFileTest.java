package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.touchpulse.alert.dispatch.AlertingConfig;
import io.touchpulse.alert.dispatch.AlertingConfigLoader;
import io.touchpulse.alert.dispatch.Receivers;
import io.touchpulse.alert.dispatch.RouteNode;
import io.touchpulse.alert.dispatch.Secrets;
import io.touchpulse.config.ConfigSources;
import io.touchpulse.config.TouchpulseConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * docker-compose.yml and the Dockerfile, checked without Docker: a typo in a path, a port, an
 * environment variable or a receiver URL would otherwise only show when someone runs
 * {@code docker compose up}. Everything is checked against the real code: config keys against
 * {@link TouchpulseConfig#DEFAULTS}, the alerting file with the real loader and receiver builder,
 * commands with the real picocli command line.
 *
 * <p>{@code prometheus/} and {@code grafana/} come from another branch; until both are merged the
 * checks of files inside them run only when the directory exists (a note says when they are
 * skipped). After the merge, make them unconditional: {@link #REQUIRE_OBSERVABILITY_FILES}.
 */
class ComposeFileTest {
    /** Flip to true once prometheus/ and grafana/ are on the same branch as docker-compose.yml. */
    private static final boolean REQUIRE_OBSERVABILITY_FILES = true;

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String APP_IMAGE_SERVICE = "touchpulse";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern HOST_PORT = Pattern.compile("^(?:[A-Za-z0-9_]+://)?([A-Za-z0-9_.-]*):(\\d+)$");

    private static Path root;
    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void load() throws IOException {
        // -Dtouchpulse.compose.root=DIR checks another checkout (e.g. one with prometheus/ and grafana/ merged)
        Path dir = Path.of(System.getProperty("touchpulse.compose.root", "")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docker-compose.yml in the working directory or above").isNotNull();
        root = dir;
        compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
        services = compose.get("services");
        assertThat(services).as("services").isNotNull();
    }

    @Test
    void theStackHasEveryService() {
        assertThat(names(services)).contains("kafka", "touchpulse", "simulator", "prometheus", "grafana", "alertmanager", "webhook-sink");
    }

    @Test
    void everyBuildContextAndDockerfileExists() {
        int builds = 0;
        for (String name : names(services)) {
            JsonNode build = services.get(name).get("build");
            if (build == null) {
                continue;
            }
            builds++;
            String context = build.isTextual() ? build.asText() : text(build, "context", ".");
            String dockerfile = build.isTextual() ? "Dockerfile" : text(build, "dockerfile", "Dockerfile");
            Path ctx = root.resolve(context).normalize();
            assertThat(ctx).as(name + " build context").isDirectory();
            assertThat(ctx.resolve(dockerfile)).as(name + " Dockerfile").isRegularFile();
        }
        assertThat(builds).as("services built from this repository").isGreaterThan(0);
    }

    @Test
    void everyImageIsBuiltHereOrPinned() {
        Set<String> built = new HashSet<>();
        names(services).forEach(n -> {
            JsonNode s = services.get(n);
            if (s.has("build") && s.has("image")) {
                built.add(s.get("image").asText());
            }
        });
        for (String name : names(services)) {
            JsonNode s = services.get(name);
            if (s.has("build")) {
                continue;
            }
            assertThat(s.has("image")).as(name + " has an image or a build").isTrue();
            String image = s.get("image").asText();
            if (built.contains(image)) {
                // built by another service: looking it up in a registry would fail
                assertThat(text(s, "pull_policy", "missing")).as(name + " pull_policy").isEqualTo("never");
                continue;
            }
            assertThat(image).as(name + ": a registry image with an explicit version, not latest")
                    .matches("[^:]+(:\\d+/[^:]+)?:[^:]+").doesNotEndWith(":latest");
        }
    }

    @Test
    void kafkaImageMatchesTheClientVersion() {
        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void everyMountedHostPathExistsAndEveryNamedVolumeIsDeclared() {
        Set<String> declared = compose.has("volumes") ? Set.copyOf(names(compose.get("volumes"))) : Set.of();
        List<String> skipped = new ArrayList<>();
        for (String name : names(services)) {
            for (Mount m : mounts(services.get(name))) {
                if (!m.isBind()) {
                    assertThat(declared).as(name + ": named volume " + m.source + " declared under volumes:").contains(m.source);
                    continue;
                }
                Path host = root.resolve(m.source).normalize();
                if (!observabilityPresent(host)) {
                    skipped.add(name + ": " + m.source);
                    continue;
                }
                assertThat(host).as(name + ": mounted host path " + m.source).exists();
            }
        }
        noteSkipped(skipped);
    }

    @Test
    void dependenciesExistAndTheAppWaitsForAHealthyKafka() {
        for (String name : names(services)) {
            JsonNode deps = services.get(name).get("depends_on");
            if (deps == null) {
                continue;
            }
            List<String> on = deps.isArray() ? values(deps) : names(deps);
            for (String d : on) {
                assertThat(services.has(d)).as(name + " depends on " + d).isTrue();
                if (deps.isObject() && "service_healthy".equals(text(deps.get(d), "condition", ""))) {
                    assertThat(services.get(d).has("healthcheck")).as(d + " has a healthcheck (" + name + " waits for it)").isTrue();
                }
            }
        }
        for (String app : List.of("touchpulse", "simulator")) {
            assertThat(text(services.get(app).get("depends_on").get("kafka"), "condition", "")).as(app).isEqualTo("service_healthy");
        }
    }

    @Test
    void publishedPortsMatchTheAppsConfigAndHealthchecks() throws IOException {
        JsonNode app = services.get("touchpulse");
        int httpPort = Integer.parseInt(env(app).getOrDefault(ConfigSources.envName("http.port"), TouchpulseConfig.DEFAULTS.get("http.port")));
        assertThat(containerPorts(app)).as("touchpulse publishes its HTTP port").contains(httpPort);

        String healthcheck = String.join(" ", values(app.get("healthcheck").get("test")));
        assertThat(healthcheck).contains("/health/ready").contains("/dev/tcp/127.0.0.1/" + httpPort + " ");

        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE\\s+" + httpPort + "\\s*$");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*").contains("GET /health/ready");
        assertThat(dockerfile).contains("/dev/tcp/127.0.0.1/${TOUCHPULSE_HTTP_PORT:-" + TouchpulseConfig.DEFAULTS.get("http.port") + "}");

        List<String> hostPorts = new ArrayList<>();
        names(services).forEach(n -> portSpecs(services.get(n)).forEach(p -> {
            if (p.contains(":")) {
                hostPorts.add(p.substring(0, p.lastIndexOf(':')));
            }
        }));
        assertThat(hostPorts).as("host ports are unique").doesNotHaveDuplicates();
    }

    @Test
    void environmentVariablesAreRealConfigKeysAndMakeAValidConfig() {
        Set<String> known = new HashSet<>();
        TouchpulseConfig.DEFAULTS.keySet().forEach(k -> known.add(ConfigSources.envName(k)));
        for (String name : appServices()) {
            Map<String, String> env = env(services.get(name));
            for (String var : env.keySet()) {
                if (!var.startsWith(ConfigSources.ENV_PREFIX)) {
                    continue;
                }
                boolean passThrough = var.startsWith(ConfigSources.ENV_PREFIX + "KAFKA_") || var.startsWith(ConfigSources.ENV_PREFIX + "SLO_LATENCY_MS_");
                assertThat(known.contains(var) || passThrough).as(name + ": " + var + " is the env form of a config key").isTrue();
            }
            assertThatCode(() -> TouchpulseConfig.from(ConfigSources.merge(null, env, Map.of())))
                    .as(name + ": the environment makes a valid config").doesNotThrowAnyException();
        }
    }

    @Test
    void theAppsReachKafkaOnAnAdvertisedListener() {
        Map<String, String> kafka = env(services.get("kafka"));
        List<String> advertised = Arrays.stream(kafka.get("KAFKA_ADVERTISED_LISTENERS").split(",")).map(String::trim).toList();
        for (String name : appServices()) {
            String bootstrap = env(services.get(name)).get(ConfigSources.envName("bootstrap.servers"));
            assertThat(bootstrap).as(name + " bootstrap servers").isNotNull();
            for (String server : bootstrap.split(",")) {
                assertThat(advertised).as(name + ": " + server + " is advertised by the broker")
                        .anyMatch(l -> l.endsWith("://" + server.trim()));
            }
        }
        // one node, broker and controller; the internal topics fit one broker (exactly-once needs the transaction log)
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThatCode(() -> org.apache.kafka.common.Uuid.fromString(kafka.get("CLUSTER_ID"))).as("CLUSTER_ID").doesNotThrowAnyException();
        String nodeId = kafka.get("KAFKA_NODE_ID");
        String voter = kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS");
        assertThat(voter).startsWith(nodeId + "@kafka:");
        String controllerPort = voter.substring(voter.lastIndexOf(':') + 1);
        assertThat(kafka.get("KAFKA_LISTENERS")).contains(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES") + "://:" + controllerPort);
        for (String l : advertised) {
            String listener = l.substring(0, l.indexOf("://"));
            String port = l.substring(l.lastIndexOf(':') + 1);
            assertThat(kafka.get("KAFKA_LISTENERS")).as("advertised " + l + " is a listener").contains(listener + "://:" + port);
            assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains(listener + ":");
        }
        assertThat(kafka).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    }

    @Test
    void theMountedAlertingConfigLoadsAndItsReceiversPointAtServicesOfTheStack() {
        JsonNode app = services.get("touchpulse");
        String inContainer = env(app).get(ConfigSources.envName("alert.delivery-config"));
        assertThat(inContainer).as("alert.delivery-config is set").isNotBlank();
        Mount mount = mounts(app).stream().filter(m -> m.target.equals(inContainer)).findFirst().orElseThrow(
                () -> new AssertionError("nothing is mounted at " + inContainer));
        Path file = root.resolve(mount.source).normalize();
        assertThat(file).isRegularFile();

        AlertingConfig config = AlertingConfigLoader.load(file);
        // as the dispatcher does at start-up: receivers (secrets from the service's environment), then routes
        var receivers = Receivers.build(config, new Secrets(env(app)::get), HttpClient.newHttpClient());
        RouteNode.compileRoot(config.route(), receivers.keySet());
        assertThat(config.route().receiverNames()).as("the root route delivers somewhere besides the log")
                .anyMatch(r -> config.receiversOrEmpty().stream().anyMatch(x -> x.name().equals(r) && x.url() != null));

        for (AlertingConfig.Receiver r : config.receiversOrEmpty()) {
            if (r.url() == null) {
                continue;
            }
            URI url = URI.create(r.url());
            assertThat(services.has(url.getHost())).as("receiver " + r.name() + ": " + url.getHost() + " is a service").isTrue();
            int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
            assertThat(containerPorts(services.get(url.getHost()))).as("receiver " + r.name() + ": " + url.getHost() + " listens on " + port).contains(port);
        }
    }

    @Test
    void commandsAreValidForTheCli() throws IOException {
        for (String name : appServices()) {
            List<String> command = values(services.get(name).get("command"));
            CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as(name + ": " + command).isTrue();
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(command.get(0));
        }
        assertThat(values(services.get("touchpulse").get("command")).get(0)).isEqualTo("run");
        assertThat(values(services.get("simulator").get("command")).get(0)).isEqualTo("simulate");

        // the image's default command, too
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        Matcher cmd = Pattern.compile("(?m)^CMD (\\[.*])\\s*$").matcher(dockerfile);
        assertThat(cmd.find()).isTrue();
        List<String> defaultCommand = values(new ObjectMapper().readTree(cmd.group(1)));
        assertThat(Main.commandLine().parseArgs(defaultCommand.toArray(String[]::new)).subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/touchpulse.jar\"]\\s*$");
    }

    @Test
    void simulatedTimeAheadOfTheClockIsAccepted() {
        List<String> command = values(services.get("simulator").get("command"));
        int i = command.indexOf("--speed");
        double speed = i < 0 ? 20 : Double.parseDouble(command.get(i + 1));
        if (speed != 1) {
            // as `demo` does: at 10x, simulated time is an hour ahead after six minutes
            String skew = env(services.get("touchpulse")).getOrDefault(ConfigSources.envName("validation.max-future-skew"),
                    TouchpulseConfig.DEFAULTS.get("validation.max-future-skew"));
            assertThat(io.touchpulse.config.Durations.parse(skew)).isGreaterThanOrEqualTo(Duration.ofDays(365));
        }
    }

    @Test
    void dockerfileCopiesOnlyWhatTheContextHas() throws IOException {
        List<String> ignored = Files.readAllLines(root.resolve(".dockerignore")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+)$").matcher(Files.readString(root.resolve("Dockerfile")));
        int copies = 0;
        while (copy.find()) {
            String[] parts = copy.group(1).trim().split("\\s+");
            for (String src : Arrays.copyOf(parts, parts.length - 1)) {
                if (src.startsWith("--")) {
                    continue;
                }
                copies++;
                assertThat(root.resolve(src)).as("COPY " + src).exists();
                String top = src.replaceAll("/.*", "");
                assertThat(ignored).as("COPY " + src + " is not excluded by .dockerignore")
                        .doesNotContain(top, top + "/", "/" + top, "/" + top + "/", src);
            }
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
    }

    @Test
    void prometheusScrapesTheAppServiceOnItsHttpPort() throws IOException {
        Path promDir = hostPathOf("prometheus", "/etc/prometheus");
        Path config = promDir.resolve("prometheus.yml");
        if (!present(promDir, config)) {
            return;
        }
        JsonNode prom = YAML.readTree(config.toFile());
        int httpPort = Integer.parseInt(env(services.get("touchpulse")).getOrDefault(ConfigSources.envName("http.port"), "8080"));
        List<String> targets = new ArrayList<>();
        for (JsonNode job : iterable(prom.get("scrape_configs"))) {
            for (JsonNode sc : iterable(job.get("static_configs"))) {
                targets.addAll(values(sc.get("targets")));
            }
        }
        assertThat(targets).as("scrape targets").contains("touchpulse:" + httpPort);
        for (String t : targets) {
            Matcher m = HOST_PORT.matcher(t);
            assertThat(m.matches()).as(t).isTrue();
            String host = m.group(1);
            if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                assertThat(services.has(host)).as("scrape target " + t + " is a service").isTrue();
                assertThat(containerPorts(services.get(host))).as(t).contains(Integer.parseInt(m.group(2)));
            }
        }
        JsonNode alerting = prom.path("alerting").path("alertmanagers");
        for (JsonNode am : iterable(alerting)) {
            for (JsonNode sc : iterable(am.get("static_configs"))) {
                for (String t : values(sc.get("targets"))) {
                    assertThat(services.has(t.substring(0, t.indexOf(':')))).as("alertmanager target " + t + " is a service").isTrue();
                }
            }
        }
        for (String rule : values(prom.get("rule_files"))) {
            // rule files are container paths under the mount
            String rel = rule.startsWith("/etc/prometheus/") ? rule.substring("/etc/prometheus/".length()) : rule;
            Path dir = promDir.resolve(rel).getParent();
            assertThat(dir).as("rule_files " + rule).isDirectory();
        }
    }

    @Test
    void grafanaProvisioningPointsAtMountedDashboardsAndThePrometheusService() throws IOException {
        JsonNode grafana = services.get("grafana");
        Path provisioning = hostPathOf("grafana", "/etc/grafana/provisioning");
        if (!present(provisioning, provisioning)) {
            return;
        }
        List<String> targets = mounts(grafana).stream().map(m -> m.target).toList();
        for (Path f : yamlFiles(provisioning.resolve("dashboards"))) {
            for (JsonNode provider : iterable(YAML.readTree(f.toFile()).get("providers"))) {
                String path = provider.path("options").path("path").asText();
                assertThat(targets).as(f.getFileName() + ": dashboards path " + path + " is mounted in grafana")
                        .anyMatch(t -> path.equals(t) || path.startsWith(t + "/"));
            }
        }
        for (Path f : yamlFiles(provisioning.resolve("datasources"))) {
            for (JsonNode ds : iterable(YAML.readTree(f.toFile()).get("datasources"))) {
                if (!ds.hasNonNull("url")) {
                    continue;
                }
                URI url = URI.create(ds.get("url").asText());
                assertThat(services.has(url.getHost())).as(f.getFileName() + ": datasource " + url + " is a service").isTrue();
                assertThat(containerPorts(services.get(url.getHost()))).contains(url.getPort());
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Services that run our image: they take TOUCHPULSE_* variables and our commands. */
    private static List<String> appServices() {
        String image = services.get(APP_IMAGE_SERVICE).path("image").asText(null);
        return names(services).stream().filter(n -> services.get(n).has("build")
                || (image != null && image.equals(services.get(n).path("image").asText(null)))).toList();
    }

    /** The host directory mounted at {@code target} in {@code service}. */
    private static Path hostPathOf(String service, String target) {
        Mount m = mounts(services.get(service)).stream().filter(x -> x.target.equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
        return root.resolve(m.source).normalize();
    }

    private static boolean observabilityPresent(Path hostPath) {
        Path rel = root.relativize(hostPath);
        String top = rel.getNameCount() == 0 ? "" : rel.getName(0).toString();
        boolean fromOtherBranch = top.equals("prometheus") || top.equals("grafana");
        return !fromOtherBranch || REQUIRE_OBSERVABILITY_FILES || Files.isDirectory(root.resolve(top));
    }

    private static boolean present(Path dir, Path file) {
        if (observabilityPresent(dir)) {
            assertThat(file).exists();
            return true;
        }
        noteSkipped(List.of(root.relativize(file).toString()));
        return false;
    }

    private static void noteSkipped(List<String> skipped) {
        if (!skipped.isEmpty()) {
            System.err.println("NOTE ComposeFileTest: not checked until prometheus/ and grafana/ are merged: " + skipped);
        }
    }

    private record Mount(String source, String target) {
        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    private static List<Mount> mounts(JsonNode service) {
        List<Mount> out = new ArrayList<>();
        for (JsonNode v : iterable(service.get("volumes"))) {
            if (v.isTextual()) {
                String[] p = v.asText().split(":");
                out.add(new Mount(p[0], p.length > 1 ? p[1] : p[0]));
            } else {
                out.add(new Mount(v.get("source").asText(), v.get("target").asText()));
            }
        }
        return out;
    }

    private static List<String> portSpecs(JsonNode service) {
        return values(service.get("ports"));
    }

    /** Ports the service's container listens on: published ({@code host:container}) and {@code expose}d. */
    private static Set<Integer> containerPorts(JsonNode service) {
        Set<Integer> out = new HashSet<>();
        portSpecs(service).forEach(p -> out.add(Integer.parseInt(p.substring(p.lastIndexOf(':') + 1).replaceAll("/.*", ""))));
        values(service.get("expose")).forEach(p -> out.add(Integer.parseInt(p)));
        return out;
    }

    /** The service's environment as compose sets it when the shell sets none of the {@code ${VAR:-default}} variables. */
    private static Map<String, String> env(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode e = service.get("environment");
        if (e == null) {
            return out;
        }
        if (e.isArray()) {
            for (String kv : values(e)) {
                int eq = kv.indexOf('=');
                out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : interpolate(kv.substring(eq + 1)));
            }
        } else {
            e.properties().forEach(f -> out.put(f.getKey(), interpolate(f.getValue().asText())));
        }
        return out;
    }

    private static String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(m.group(2)).as("compose variable " + m.group(1) + " has a default (${VAR:-default})").isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        if (object != null) {
            object.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (array.isTextual()) {
            out.addAll(Arrays.asList(array.asText().trim().split("\\s+")));
            return out;
        }
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? List.of() : node;
    }

    private static String text(JsonNode node, String field, String dflt) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : dflt;
    }
}
