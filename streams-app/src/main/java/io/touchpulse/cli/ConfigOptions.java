package io.touchpulse.cli;

import io.touchpulse.config.ConfigSources;
import io.touchpulse.config.TouchpulseConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration flags shared by the commands that talk to Kafka: a file, single overrides, and the bootstrap servers. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file (keys as in the README's configuration table).")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set window.grace=1m or --set kafka.security.protocol=SSL. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOSTS", description = "Kafka bootstrap servers (default: env TOUCHPULSE_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
    String bootstrapServers;

    /** defaults &lt; file &lt; environment &lt; flags; {@code extra} are flags specific to the command. */
    TouchpulseConfig load(Map<String, String> extra) {
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        flags.putAll(extra);
        return TouchpulseConfig.from(ConfigSources.merge(file, System.getenv(), flags));
    }
}
