package io.touchpulse.cli;

import io.touchpulse.config.TouchpulseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** Runs the pipeline and the HTTP API against an existing Kafka cluster until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Touchpulse against an existing Kafka (no embedded broker). Creates missing topics.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--port", description = "HTTP port (default 8080).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> extra = new LinkedHashMap<>();
        if (port != null) {
            extra.put("http.port", port.toString());
        }
        TouchpulseConfig c = config.load(extra);
        CountDownLatch stopped = new CountDownLatch(1);
        AppServices app = AppServices.start(c);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "touchpulse-shutdown"));
        System.out.printf("Touchpulse running against %s%n  API      http://localhost:%d/api/touchpoints%n  metrics  http://localhost:%d/metrics%n",
                c.bootstrapServers(), app.http.port(), app.http.port());
        stopped.await();
        return 0;
    }
}
