package io.touchpulse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourcesTest {

    @Test
    void laterSourcesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tp.properties");
        Files.writeString(file, "window.size=10m\nwindow.grace=1m\nhttp.port=9000\nkafka.security.protocol=SSL\n");
        Map<String, String> env = Map.of("TOUCHPULSE_WINDOW_GRACE", "2m", "TOUCHPULSE_HTTP_PORT", "9100",
                "TOUCHPULSE_KAFKA_SASL_MECHANISM", "PLAIN", "TOUCHPULSE_SLO_LATENCY_MS_MOBILE_APP", "2500", "OTHER", "x");
        TouchpulseConfig c = TouchpulseConfig.from(ConfigSources.merge(file, env, Map.of("http.port", "9200")));
        assertThat(c.windowSize()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.windowGrace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.httpPort()).isEqualTo(9200);
        assertThat(c.windowAdvance()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.kafka()).containsEntry("security.protocol", "SSL").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(c.latencySloMs("mobile-app")).isEqualTo(2500);
        assertThat(c.latencySloMs("checkout")).isEqualTo(3000);
        assertThat(c.latencySloMs("anything-else")).isEqualTo(2000);
        assertThat(c.kafkaClientProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("window.grace", "soon"))))
                .hasMessageContaining("window.grace").hasMessageContaining("soon");
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("stream.threads", "0"))))
                .hasMessageContaining("stream.threads");
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("window.size", "5m", "window.advance", "2m"))))
                .hasMessageContaining("multiple");
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("processing.guarantee", "exactly_once"))))
                .hasMessageContaining("exactly_once_v2");
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("rocksdb.memory-bytes", "-1"))))
                .hasMessageContaining("rocksdb.memory-bytes");
        assertThatThrownBy(() -> TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("rocksdb.memory-bytes", "100000000"))))
                .as("half of it for memtables is less than one 64 MB memtable").hasMessageContaining("at least 134217728");
    }

    @Test
    void rocksDbMemoryIsBoundedByDefaultAndZeroLiftsTheBound() {
        assertThat(TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of())).rocksdb())
                .isEqualTo(new RocksDbMemory(64L * 1024 * 1024, 512L * 1024 * 1024));
        assertThat(TouchpulseConfig.from(ConfigSources.merge(null, Map.of(), Map.of("rocksdb.memory-bytes", "0"))).rocksdb().bounded()).isFalse();
    }

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).hasMessageContaining("unknown unit");
    }
}
