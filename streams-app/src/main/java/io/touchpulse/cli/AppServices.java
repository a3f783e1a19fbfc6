package io.touchpulse.cli;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.http.HttpApi;
import io.touchpulse.http.PipelineView;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.topology.PipelineMetrics;
import io.touchpulse.topology.PipelineRuntime;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.time.Duration;
import java.util.List;

/** The running application: metrics registry, the Kafka Streams pipeline and the HTTP API, started and stopped together. */
final class AppServices implements AutoCloseable {
    final PrometheusMeterRegistry registry;
    final PipelineRuntime pipeline;
    final HttpApi http;
    private final JvmGcMetrics gc;

    private AppServices(PrometheusMeterRegistry registry, JvmGcMetrics gc, PipelineRuntime pipeline, HttpApi http) {
        this.registry = registry;
        this.gc = gc;
        this.pipeline = pipeline;
        this.http = http;
    }

    static AppServices start(TouchpulseConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        PipelineRuntime pipeline = PipelineRuntime.start(config, new PipelineMetrics(registry, config.labelCap()));
        HttpApi http;
        try {
            http = HttpApi.start(config.httpHost(), config.httpPort(), registry, view(pipeline));
        } catch (RuntimeException e) {
            pipeline.close(Duration.ofSeconds(3));
            throw new IllegalStateException("cannot serve HTTP on port " + config.httpPort() + ": " + Main.message(e), e);
        }
        return new AppServices(registry, gc, pipeline, http);
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
        pipeline.close(Duration.ofSeconds(3));
        gc.close();
        registry.close();
    }
}
