package io.touchpulse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the configuration sources in their order of precedence:
 * built-in defaults &lt; properties file &lt; environment {@code TOUCHPULSE_*} &lt; command-line flags.
 * Keys are dotted ({@code window.size}); the environment form upper-cases them and turns
 * dots and dashes into underscores ({@code TOUCHPULSE_WINDOW_SIZE}). Any {@code kafka.*} key is
 * passed through to the Kafka clients, so {@code TOUCHPULSE_KAFKA_SECURITY_PROTOCOL=SSL}
 * becomes {@code security.protocol=SSL}.
 */
public final class ConfigSources {
    public static final String ENV_PREFIX = "TOUCHPULSE_";

    private ConfigSources() {}

    public static Map<String, String> merge(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> out = new LinkedHashMap<>(TouchpulseConfig.DEFAULTS);
        if (file != null) {
            out.putAll(readFile(file));
        }
        out.putAll(fromEnv(env));
        out.putAll(flags);
        return out;
    }

    static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    /** Maps {@code TOUCHPULSE_*} variables onto known keys; unknown ones become {@code kafka.*} only with the KAFKA_ prefix. */
    static Map<String, String> fromEnv(Map<String, String> env) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : TouchpulseConfig.DEFAULTS.keySet()) {
            byEnvName.put(envName(key), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String known = byEnvName.get(name);
            if (known != null) {
                out.put(known, value);
            } else if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
                out.put("kafka." + name.substring(ENV_PREFIX.length() + 6).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else if (name.startsWith(ENV_PREFIX + "SLO_LATENCY_MS_")) {
                out.put("slo.latency-ms." + name.substring(ENV_PREFIX.length() + 15).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        return out;
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
