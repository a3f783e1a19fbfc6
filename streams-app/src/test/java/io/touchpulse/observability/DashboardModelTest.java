package io.touchpulse.observability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana files are data nobody compiles: a typo shows only when someone opens the dashboard.
 * This checks what Grafana would trip over or silently render wrong: parse errors, duplicate panel
 * ids, panels off the 24-column grid or on top of each other, a datasource other than the
 * dashboard's {@code ${datasource}} variable, variables used but not defined, and provisioning that
 * points nowhere. Whether the queries return data is PromQlAgainstDemoTest's job.
 */
class DashboardModelTest {
    /** Fixed in grafana/provisioning/datasources/prometheus.yml; panels may name it instead of the variable. */
    private static final String DATASOURCE_UID = "touchpulse-prometheus";
    /** docker-compose mounts grafana/dashboards here; the dashboard provider must read this path. */
    private static final String COMPOSE_DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards";
    /** Grafana's own variables, always defined. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms",
            "__from", "__to", "__dashboard", "__name", "__org", "__user", "__all_variables", "__auto", "__timeFilter", "__data", "__field", "__series", "__value");

    @Test
    void thereAreTheFourDashboardsWithUniqueUids() {
        List<Path> files = ObservabilityFiles.dashboards();
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            JsonNode d = ObservabilityFiles.json(f);
            assertThat(d.path("uid").asText()).as(f + " uid").isNotBlank();
            assertThat(uids.add(d.path("uid").asText())).as(f + " uid is unique").isTrue();
            assertThat(d.path("title").asText()).as(f + " title").isNotBlank();
            assertThat(d.path("schemaVersion").asInt()).as(f + " schemaVersion").isGreaterThanOrEqualTo(39);
            assertThat(d.path("panels").size()).as(f + " panels").isPositive();
        }
    }

    @Test
    void panelIdsAreUniqueAndPanelsTileTheGrid() {
        List<String> problems = new ArrayList<>();
        for (Path f : ObservabilityFiles.dashboards()) {
            JsonNode d = ObservabilityFiles.json(f);
            Set<Integer> ids = new HashSet<>();
            List<int[]> boxes = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (JsonNode p : DashboardQueries.panels(d)) {
                String name = f.getFileName() + " / " + p.path("title").asText();
                if (!p.has("id") || !ids.add(p.get("id").asInt())) {
                    problems.add(name + ": missing or duplicate id " + p.path("id"));
                }
                JsonNode g = p.path("gridPos");
                if (!(g.has("x") && g.has("y") && g.has("w") && g.has("h"))) {
                    problems.add(name + ": gridPos needs x, y, w, h");
                    continue;
                }
                int[] box = {g.get("x").asInt(), g.get("y").asInt(), g.get("w").asInt(), g.get("h").asInt()};
                if (box[0] < 0 || box[1] < 0 || box[2] <= 0 || box[3] <= 0 || box[0] + box[2] > 24) {
                    problems.add(name + ": gridPos outside the 24-column grid " + g);
                }
                for (int i = 0; i < boxes.size(); i++) {
                    if (overlap(box, boxes.get(i))) {
                        problems.add(name + ": overlaps " + titles.get(i));
                    }
                }
                boxes.add(box);
                titles.add(p.path("title").asText());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPanelAndTargetUsesTheDatasourceVariable() {
        List<String> problems = new ArrayList<>();
        for (Path f : ObservabilityFiles.dashboards()) {
            JsonNode d = ObservabilityFiles.json(f);
            JsonNode dsVar = variable(d, "datasource");
            if (dsVar == null || !"datasource".equals(dsVar.path("type").asText()) || !"prometheus".equals(dsVar.path("query").asText())) {
                problems.add(f.getFileName() + ": needs a variable 'datasource' of type datasource, query prometheus");
            }
            for (JsonNode p : DashboardQueries.panels(d)) {
                if ("row".equals(p.path("type").asText())) {
                    continue;
                }
                String name = f.getFileName() + " / " + p.path("title").asText();
                checkDatasource(name, p.path("datasource"), problems);
                assertThat(p.path("targets").size()).as(name + " has queries").isPositive();
                for (JsonNode t : p.path("targets")) {
                    checkDatasource(name + " / " + t.path("refId").asText(), t.path("datasource"), problems);
                    if (t.path("expr").asText().isBlank()) {
                        problems.add(name + " / " + t.path("refId").asText() + ": empty expr");
                    }
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if ("query".equals(v.path("type").asText())) {
                    checkDatasource(f.getFileName() + " / variable " + v.path("name").asText(), v.path("datasource"), problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyVariableUsedIsDefined() {
        List<String> problems = new ArrayList<>();
        for (Path f : ObservabilityFiles.dashboards()) {
            JsonNode d = ObservabilityFiles.json(f);
            Set<String> defined = new HashSet<>();
            d.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
            List<DashboardQueries.Query> uses = new ArrayList<>(DashboardQueries.targets(f, d));
            for (JsonNode v : d.path("templating").path("list")) {
                if ("query".equals(v.path("type").asText())) {
                    uses.add(new DashboardQueries.Query(f.getFileName() + " / variable " + v.path("name").asText(), DashboardQueries.variableQuery(v)));
                }
            }
            DashboardQueries.panels(d).forEach(p -> uses.add(new DashboardQueries.Query(f.getFileName() + " / title", p.path("title").asText())));
            for (DashboardQueries.Query q : uses) {
                for (String var : DashboardQueries.variablesUsed(q.expr())) {
                    if (!defined.contains(var) && !BUILT_IN.contains(var)) {
                        problems.add(q.where() + ": $" + var + " is not defined");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The business dashboards filter by segment and touchpoint, with values Prometheus knows. */
    @Test
    void segmentAndTouchpointVariablesComeFromLabelValues() {
        for (String uid : List.of("touchpulse-overview", "touchpulse-touchpoint")) {
            JsonNode d = ObservabilityFiles.dashboards().stream().map(ObservabilityFiles::json)
                    .filter(x -> uid.equals(x.path("uid").asText())).findFirst().orElseThrow();
            for (String name : List.of("segment", "touchpoint")) {
                JsonNode v = variable(d, name);
                assertThat(v).as(uid + " defines $" + name).isNotNull();
                assertThat(v.path("type").asText()).isEqualTo("query");
                assertThat(DashboardQueries.variableQuery(v)).startsWith("label_values(").contains(name);
            }
            assertThat(variable(d, "segment").path("multi").asBoolean()).as(uid + " $segment is multi-value").isTrue();
            assertThat(variable(d, "segment").path("includeAll").asBoolean()).as(uid + " $segment has All").isTrue();
        }
    }

    @Test
    void provisioningPointsAtTheDashboardsAndAFixedDatasource() {
        Path prov = ObservabilityFiles.root().resolve("grafana/provisioning");
        JsonNode ds = ObservabilityFiles.yaml(prov.resolve("datasources/prometheus.yml")).path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(ds.path("url").asText()).startsWith("http://");

        JsonNode provider = ObservabilityFiles.yaml(prov.resolve("dashboards/touchpulse.yml")).path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        assertThat(path).as("provider path, under the compose mount of grafana/dashboards").startsWith(COMPOSE_DASHBOARDS_MOUNT);
        Path local = ObservabilityFiles.dashboardsDir().resolve(path.substring(COMPOSE_DASHBOARDS_MOUNT.length()).replaceFirst("^/", ""));
        assertThat(Files.isDirectory(local)).as(local + " exists").isTrue();
        assertThat(ObservabilityFiles.dashboards()).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(local.normalize()));
    }

    private static void checkDatasource(String where, JsonNode ds, List<String> problems) {
        String uid = ds.isTextual() ? ds.asText() : ds.path("uid").asText();
        if (!uid.equals("${datasource}") && !uid.equals(DATASOURCE_UID)) {
            problems.add(where + ": datasource " + ds + " is neither ${datasource} nor " + DATASOURCE_UID);
        }
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return null;
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }
}
