package io.touchpulse.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Grafana and Prometheus files live, and their parsed content. The tests run from
 * {@code streams-app/} (Maven's module directory), while the files belong to the repository root,
 * next to docker-compose, which mounts them.
 */
public final class ObservabilityFiles {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ObservabilityFiles() {
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("prometheus")) && Files.isDirectory(p.resolve("grafana"))) {
                return p;
            }
        }
        throw new IllegalStateException("no prometheus/ and grafana/ directories above " + here);
    }

    public static Path prometheusDir() {
        return root().resolve("prometheus");
    }

    public static Path dashboardsDir() {
        return root().resolve("grafana/dashboards");
    }

    public static List<Path> dashboards() {
        return list(dashboardsDir(), ".json");
    }

    public static List<Path> ruleFiles() {
        return list(prometheusDir().resolve("rules"), ".yml");
    }

    public static List<Path> ruleTestFiles() {
        return list(prometheusDir().resolve("tests"), ".yml");
    }

    public static JsonNode json(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + p, e);
        }
    }

    public static JsonNode yaml(Path p) {
        try {
            return YAML.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + p, e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
