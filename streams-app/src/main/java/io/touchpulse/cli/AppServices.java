package io.touchpulse.cli;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.alert.dispatch.AlertingConfig;
import io.touchpulse.alert.dispatch.AlertingConfigLoader;
import io.touchpulse.alert.dispatch.DispatcherService;
import io.touchpulse.alert.dispatch.SilenceEndpoint;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.http.HttpApi;
import io.touchpulse.http.HostPort;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;

import java.time.Clock;
import java.time.Duration;

/**
 * The running application: metrics registry, the Kafka Streams pipeline, the alert dispatcher and
 * the HTTP API, started and stopped together.
 */
final class AppServices implements AutoCloseable {
    final PrometheusMeterRegistry registry;
    final PipelineRuntime pipeline;
    final DispatcherService dispatcher;
    final HttpApi http;
    private final JvmGcMetrics gc;

    private AppServices(PrometheusMeterRegistry registry, JvmGcMetrics gc, PipelineRuntime pipeline, DispatcherService dispatcher, HttpApi http) {
        this.registry = registry;
        this.gc = gc;
        this.pipeline = pipeline;
        this.dispatcher = dispatcher;
        this.http = http;
    }

    static AppServices start(TouchpulseConfig config) {
        return start(config, alertingConfig(config));
    }

    /** The file named by {@code alert.delivery-config}, or the default (alerts to the log). */
    static AlertingConfig alertingConfig(TouchpulseConfig config) {
        return config.alerts().deliveryConfig() == null ? AlertingConfig.defaults() : AlertingConfigLoader.load(config.alerts().deliveryConfig());
    }

    /** @param alerting receivers and routes; checked (secrets included) before anything starts */
    static AppServices start(TouchpulseConfig config, AlertingConfig alerting) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        // its own consumer and thread: HTTP calls to receivers never block a stream thread
        DispatcherService dispatcher = config.alerts().deliveryEnabled() ? DispatcherService.start(config, alerting, registry) : null;
        // HTTP first: Kafka Streams advertises the port actually bound (application.server), and http.port=0 picks any
        LivePipeline live = new LivePipeline();
        HttpApi http;
        try {
            http = HttpApi.start(config.httpHost(), config.httpPort(), registry,
                    dispatcher == null ? null : new SilenceEndpoint(dispatcher, Clock.systemUTC()), live.sources(),
                    HttpApi.LIVE_INTERVAL, config.httpSecurity());
        } catch (RuntimeException e) {
            closeQuietly(dispatcher);
            throw new IllegalStateException("cannot serve HTTP on port " + config.httpPort() + ": " + Main.message(e), e);
        }
        HostPort self = new HostPort(config.httpAdvertisedHost(), http.port());
        live.advertise(self);
        PipelineRuntime pipeline;
        try {
            pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()), LivePipeline.hostInfo(self));
        } catch (RuntimeException e) {
            http.close();
            closeQuietly(dispatcher);
            throw e;
        }
        live.set(pipeline);
        return new AppServices(registry, gc, pipeline, dispatcher, http);
    }

    private static void closeQuietly(DispatcherService dispatcher) {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Override
    public void close() {
        http.close();
        closeQuietly(dispatcher);
        pipeline.close(Duration.ofSeconds(3));
        gc.close();
        registry.close();
    }
}
