package io.touchpulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one typed configuration object of the application. It is built from the merged string
 * map of {@link ConfigSources}; every value is parsed and checked here, so a typo fails at
 * start-up with the key and the problem instead of somewhere deep in a topology.
 */
public record TouchpulseConfig(
        String applicationId,
        String bootstrapServers,
        String topicPrefix,
        Path stateDir,
        String processingGuarantee,
        int streamThreads,
        int standbyReplicas,
        Duration commitInterval,
        long cacheMaxBytes,
        RocksDbMemory rocksdb,
        int topicPartitions,
        Duration windowSize,
        Duration windowAdvance,
        Duration windowGrace,
        Duration idleTimeout,
        Duration inputWait,
        Duration maxFutureSkew,
        Duration maxAge,
        int maxTextChars,
        boolean publishSignals,
        String httpHost,
        int httpPort,
        String httpAdvertisedHost,
        long defaultLatencySloMs,
        Map<String, Long> latencySloMs,
        int longWaitSec,
        int labelCap,
        Map<String, String> kafka,
        AlertSettings alerts,
        JourneySettings journeys,
        HttpSecurity httpSecurity) {

    /** Built-in defaults; also the list of keys the environment can set. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("application.id", "touchpulse");
        d.put("bootstrap.servers", "127.0.0.1:9092");
        d.put("topic.prefix", "tp.");
        d.put("state.dir", System.getProperty("java.io.tmpdir") + "/touchpulse-state");
        d.put("processing.guarantee", "exactly_once_v2");
        d.put("stream.threads", "1");
        d.put("standby.replicas", "0");
        d.put("commit.interval", "100ms");
        d.put("cache.max.bytes", String.valueOf(16L * 1024 * 1024));
        d.put("rocksdb.write-buffer-bytes", String.valueOf(64L * 1024 * 1024));
        d.put("rocksdb.memory-bytes", String.valueOf(512L * 1024 * 1024));
        d.put("topic.partitions", "4");
        d.put("window.size", "5m");
        d.put("window.advance", "1m");
        d.put("window.grace", "30s");
        d.put("watermark.idle-timeout", "10s");
        d.put("watermark.input-wait", "250ms");
        d.put("validation.max-future-skew", "1h");
        d.put("validation.max-age", "30d");
        d.put("validation.max-text-chars", "20000");
        d.put("signals.publish", "true");
        d.put("http.host", "0.0.0.0");
        d.put("http.port", "8080");
        // the host other instances use to reach this one's HTTP port (Kafka Streams application.server); the port is the
        // one actually bound. Fine for one machine; in containers set it to the pod or service host name.
        d.put("http.advertised-host", "127.0.0.1");
        // empty: POST/DELETE are open (logged once at start-up); set it to require "Authorization: Bearer <token>"
        d.put("http.write-token", "");
        d.put("http.max-body-bytes", String.valueOf(64 * 1024));
        d.put("slo.latency-ms.default", "2000");
        d.put("slo.latency-ms.checkout", "3000");
        d.put("slo.latency-ms.search", "1500");
        d.put("slo.latency-ms.home", "1500");
        d.put("dissatisfaction.long-wait-sec", "600");
        d.put("metrics.label-cap", "50");
        d.put("journey.enabled", "true");
        d.put("journey.keep-issues", "7d");
        d.put("journey.cache-customers", "10000");
        d.put("alert.enabled", "true");
        d.put("alert.metrics", "dissatisfied_rate,error_rate,zero_result_rate,negative_share,unanswered_rate,latency_p95_ms,events");
        d.put("alert.min-severity", "warning");
        d.put("alert.api-base-url", "http://localhost:8080");
        d.put("alert.keep-resolved", "24h");
        d.put("alert.forget-after", "1d");
        d.put("alert.delivery", "true");
        // empty: no file, every alert goes to the log receiver
        d.put("alert.delivery-config", "");
        return Map.copyOf(d);
    }

    public static TouchpulseConfig defaultsOnly() {
        return from(DEFAULTS);
    }

    public static TouchpulseConfig from(Map<String, String> m) {
        Reader r = new Reader(m);
        Map<String, Long> slo = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> detector = new TreeMap<>();
        Map<String, String> journey = new TreeMap<>();
        m.forEach((k, v) -> {
            if ((k.startsWith("journey.") && !JourneySettings.ownKey(k)) || k.startsWith("risk.")) {
                journey.put(k, v);
            }
            if (k.startsWith("detect.")) {
                detector.put(k.substring("detect.".length()), v);
            }
            if (k.startsWith("slo.latency-ms.") && !k.equals("slo.latency-ms.default")) {
                slo.put(k.substring("slo.latency-ms.".length()), r.positiveLong(k));
            } else if (k.startsWith("kafka.")) {
                kafka.put(k.substring("kafka.".length()), v);
            }
        });
        TouchpulseConfig c = new TouchpulseConfig(
                r.string("application.id"), r.string("bootstrap.servers"), r.string("topic.prefix"),
                Path.of(r.string("state.dir")), r.oneOf("processing.guarantee", "exactly_once_v2", "at_least_once"),
                r.positiveInt("stream.threads"), r.nonNegativeInt("standby.replicas"), r.duration("commit.interval"),
                r.positiveLong("cache.max.bytes"), new RocksDbMemory(r.positiveLong("rocksdb.write-buffer-bytes"), r.nonNegativeLong("rocksdb.memory-bytes")), r.positiveInt("topic.partitions"),
                r.duration("window.size"), r.duration("window.advance"), r.duration("window.grace"),
                r.duration("watermark.idle-timeout"), r.duration("watermark.input-wait"), r.duration("validation.max-future-skew"), r.duration("validation.max-age"),
                r.positiveInt("validation.max-text-chars"), r.bool("signals.publish"),
                r.string("http.host"), r.nonNegativeInt("http.port"), r.string("http.advertised-host"),
                r.positiveLong("slo.latency-ms.default"), Map.copyOf(slo),
                r.positiveInt("dissatisfaction.long-wait-sec"), r.positiveInt("metrics.label-cap"), Map.copyOf(kafka),
                new AlertSettings(r.bool("alert.enabled"), r.list("alert.metrics"),
                        io.touchpulse.schema.Severity.valueOf(r.oneOf("alert.min-severity", "info", "warning", "critical").toUpperCase(java.util.Locale.ROOT)),
                        r.string("alert.api-base-url"),
                        r.duration("alert.keep-resolved"), r.duration("alert.forget-after"), Map.copyOf(detector),
                        r.bool("alert.delivery"), r.optionalPath("alert.delivery-config")),
                new JourneySettings(r.bool("journey.enabled"), r.duration("journey.keep-issues"),
                        r.positiveInt("journey.cache-customers"), Map.copyOf(journey)),
                new HttpSecurity(m.get("http.write-token"), r.positiveLong("http.max-body-bytes")));
        c.check();
        return c;
    }

    private void check() {
        if (windowSize.toMillis() % windowAdvance.toMillis() != 0) {
            throw new IllegalArgumentException("window.size (" + windowSize + ") must be a multiple of window.advance (" + windowAdvance + ")");
        }
        if (!httpAdvertisedHost.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("http.advertised-host='" + httpAdvertisedHost + "' must be a plain host name or IPv4 address (no port, no scheme)");
        }
        io.touchpulse.journey.JourneyConfig.of(journeys.knobs()); // names a bad journey.* / risk.* key at start-up
        if (inputWait.isNegative()) {
            throw new IllegalArgumentException("watermark.input-wait must not be negative");
        }
        if (windowGrace.isNegative()) {
            throw new IllegalArgumentException("window.grace must not be negative");
        }
    }

    public long latencySloMs(String touchpoint) {
        return latencySloMs.getOrDefault(touchpoint, defaultLatencySloMs);
    }

    /** Kafka client pass-through settings as Properties (bootstrap servers included). */
    public Properties kafkaClientProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** The same settings as a map, the form Kafka client constructors and the Admin API take. */
    public Map<String, Object> kafkaClientMap() {
        Map<String, Object> m = new java.util.HashMap<>(kafka);
        m.put("bootstrap.servers", bootstrapServers);
        return m;
    }

    public TouchpulseConfig withBootstrapServers(String servers) {
        return new TouchpulseConfig(applicationId, servers, topicPrefix, stateDir, processingGuarantee, streamThreads,
                standbyReplicas, commitInterval, cacheMaxBytes, rocksdb, topicPartitions, windowSize, windowAdvance, windowGrace,
                idleTimeout, inputWait, maxFutureSkew, maxAge, maxTextChars, publishSignals, httpHost, httpPort, httpAdvertisedHost, defaultLatencySloMs,
                latencySloMs, longWaitSec, labelCap, kafka, alerts, journeys, httpSecurity);
    }

    /** Kafka settings whose values are secrets (JAAS configs carry passwords, SSL/SASL passwords and keys). */
    public static boolean secretKafkaKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token") || k.endsWith(".key")
                || k.contains("credentials");
    }

    /** As the record would print itself, with secret values masked: a config in a log or an exception leaks nothing. */
    @Override
    public String toString() {
        Map<String, String> safeKafka = new TreeMap<>();
        kafka.forEach((k, v) -> safeKafka.put(k, secretKafkaKey(k) ? "(hidden)" : v));
        return "TouchpulseConfig[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", stateDir=" + stateDir + ", processingGuarantee=" + processingGuarantee + ", streamThreads=" + streamThreads
                + ", standbyReplicas=" + standbyReplicas + ", httpHost=" + httpHost + ", httpPort=" + httpPort
                + ", kafka=" + safeKafka + ", alerts=" + alerts + ", journeys=" + journeys + ", httpSecurity=" + httpSecurity + ", …]";
    }

    /** Typed reads with messages that name the key. */
    private record Reader(Map<String, String> m) {
        java.util.List<String> list(String k) {
            return java.util.Arrays.stream(string(k).split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }

        String string(String k) {
            String v = m.get(k);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("config " + k + " is missing");
            }
            return v.trim();
        }

        String oneOf(String k, String... allowed) {
            String v = string(k);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("config " + k + "='" + v + "' must be one of " + String.join(", ", allowed));
        }

        long positiveLong(String k) {
            long v = number(k);
            if (v <= 0) {
                throw new IllegalArgumentException("config " + k + "=" + v + " must be > 0");
            }
            return v;
        }

        int positiveInt(String k) {
            return Math.toIntExact(positiveLong(k));
        }

        int nonNegativeInt(String k) {
            return Math.toIntExact(nonNegativeLong(k));
        }

        long nonNegativeLong(String k) {
            long v = number(k);
            if (v < 0) {
                throw new IllegalArgumentException("config " + k + "=" + v + " must be >= 0");
            }
            return v;
        }

        private long number(String k) {
            try {
                return Long.parseLong(string(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config " + k + "='" + m.get(k) + "' is not a whole number");
            }
        }

        boolean bool(String k) {
            return switch (string(k).toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new IllegalArgumentException("config " + k + "='" + m.get(k) + "' is not true/false");
            };
        }

        /** Null when unset or empty. */
        Path optionalPath(String k) {
            String v = m.get(k);
            return v == null || v.isBlank() ? null : Path.of(v.trim());
        }

        Duration duration(String k) {
            try {
                return Durations.parse(string(k));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("config " + k + ": " + e.getMessage());
            }
        }
    }
}
