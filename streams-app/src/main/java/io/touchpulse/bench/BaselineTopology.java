package io.touchpulse.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;
import java.util.List;

/**
 * The floor cost of Kafka Streams: the same input topics, values left as bytes, a hopping windowed count per
 * key (same window shape as the pipeline's default: 5 min advancing 1 min, 30 s grace) written to an output
 * topic. Keys are unchanged, so no repartition. The store is in-memory by default like the pipeline's stores,
 * or Kafka Streams' default RocksDB.
 */
public final class BaselineTopology {
    static final Duration SIZE = Duration.ofMinutes(5);
    static final Duration ADVANCE = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofSeconds(30);
    static final String STORE = "bench-window-counts";

    private BaselineTopology() {
    }

    public static Topology build(List<String> inputs, String output, boolean inMemory) {
        StreamsBuilder b = new StreamsBuilder();
        Materialized<String, Long, WindowStore<Bytes, byte[]>> store = inMemory
                ? Materialized.<String, Long>as(Stores.inMemoryWindowStore(STORE, SIZE.plus(GRACE), SIZE, false))
                : Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE);
        b.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source"))
                .groupByKey(Grouped.with("bench-group", Serdes.String(), Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE).advanceBy(ADVANCE))
                .count(Named.as("bench-count"), store.withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("bench-count-stream"))
                .to(output, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, SIZE.toMillis()), Serdes.Long())
                        .withName("bench-sink"));
        return b.build();
    }
}
