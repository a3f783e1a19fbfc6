package io.touchpulse.bench;

import org.apache.kafka.common.utils.AppInfoParser;

import java.util.LinkedHashMap;
import java.util.Map;

/** Facts about the machine and JVM a result was measured on; numbers without them cannot be compared. */
final class Environment {
    private Environment() {
    }

    static Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("kafka_version", AppInfoParser.getVersion());
        m.put("broker", "embedded KRaft, same JVM");
        return m;
    }
}
