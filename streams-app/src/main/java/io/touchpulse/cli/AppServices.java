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
import io.touchpulse.http.PipelineView;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
        PipelineRuntime pipeline;
        try {
            pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()));
        } catch (RuntimeException e) {
            closeQuietly(dispatcher);
            throw e;
        }
        HttpApi http;
        try {
            http = HttpApi.start(config.httpHost(), config.httpPort(), registry, view(pipeline),
                    dispatcher == null ? null : new SilenceEndpoint(dispatcher, Clock.systemUTC()));
        } catch (RuntimeException e) {
            pipeline.close(Duration.ofSeconds(3));
            closeQuietly(dispatcher);
            throw new IllegalStateException("cannot serve HTTP on port " + config.httpPort() + ": " + Main.message(e), e);
        }
        return new AppServices(registry, gc, pipeline, dispatcher, http);
    }

    private static void closeQuietly(DispatcherService dispatcher) {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private static PipelineView view(PipelineRuntime pipeline) {
        return new PipelineView() {
            @Override
            public String state() {
                return pipeline.state().name();
            }

            @Override
            public boolean ready() {
                return pipeline.isRunning();
            }

            @Override
            public List<TouchpointHealth> latestHealth() {
                return query(pipeline::latestHealth);
            }

            @Override
            public List<Alert> alerts() {
                return query(pipeline::alerts);
            }

            private <T> T query(java.util.function.Supplier<T> q) {
                try {
                    return q.get();
                } catch (InvalidStateStoreException e) {
                    throw new IllegalStateException("state stores are not queryable yet (" + pipeline.state() + ")", e);
                }
            }
        };
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
