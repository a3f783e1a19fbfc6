package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/** Kafka Streams properties for the pipeline: exactly-once by default, dead-letter handlers wired, every internal name explicit. */
public final class StreamsSettings {
    private StreamsSettings() {}

    public static Properties of(TouchpulseConfig c, PipelineMetrics metrics) {
        return of(c, metrics, null);
    }

    /**
     * @param applicationServer this instance's HTTP endpoint ({@code host:port}, the port actually bound) that other
     *                          instances forward queries to; null without an HTTP API (benchmarks, test drivers)
     */
    public static Properties of(TouchpulseConfig c, PipelineMetrics metrics, String applicationServer) {
        Properties p = new Properties();
        // pass-through client settings first, so the explicit settings below win
        p.putAll(c.kafka());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, c.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, c.standbyReplicas());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitInterval().toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, c.cacheMaxBytes());
        // a setter of the user's own (kafka.rocksdb.config.setter) wins, as every pass-through setting not set below
        p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbSettings.class);
        p.put(RocksDbSettings.WRITE_BUFFER_CONFIG, c.rocksdb().writeBufferBytes());
        p.put(RocksDbSettings.MEMORY_BOUND_CONFIG, c.rocksdb().boundBytes());
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
        // keeps the three input topics of a task in event-time order when one of them reaches the broker or this
        // consumer a little later than the others (a backfill produced while the app reads at its tail)
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, c.inputWait().toMillis());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        // the global (profile) table still reads the deprecated key in 4.3
        p.put("default.deserialization.exception.handler", DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), c.kafka().getOrDefault("compression.type", "lz4"));
        // one signal (~0.5 KB) per input event: 16 KB batches meant a new compressor (64 KB of buffers) and a sender
        // wake-up every ~30 records on the stream thread; the commit interval, not the batch size, bounds latency
        if (!c.kafka().containsKey(ProducerConfig.BATCH_SIZE_CONFIG) && !c.kafka().containsKey(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        }
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        p.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        p.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, Topics.withPrefix(c.topicPrefix()).dlq());
        return p;
    }
}
