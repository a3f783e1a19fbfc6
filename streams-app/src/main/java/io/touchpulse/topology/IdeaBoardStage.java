package io.touchpulse.topology;

import io.touchpulse.journey.IdeaBoard;
import io.touchpulse.journey.IdeaGroup;
import io.touchpulse.journey.IdeaMention;
import io.touchpulse.schema.Idea;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The idea board in the topology: idea mentions from the customer stage are repartitioned to one partition (the
 * board groups across all customers, so it must see every mention), update the {@link IdeaBoard}, and each
 * updated idea is published to tp.ideas (key ideaId) and kept in {@link Stores#IDEAS} for GET /api/ideas.
 */
public final class IdeaBoardStage implements Processor<String, IdeaMention, String, Idea> {
    /** Name of the processor in the topology. */
    public static final String PROCESSOR = "idea-board";

    private final int capacity;
    private IdeaBoard board;
    private ProcessorContext<String, Idea> ctx;
    private KeyValueStore<String, byte[]> store;

    IdeaBoardStage(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Wires the board: repartition {@code mentions} to one partition (internal topic suffix
     * {@link Stores#IDEA_MENTIONS_TOPIC}), the processor {@value #PROCESSOR} with its store, and the sink to tp.ideas.
     */
    public static void attach(StreamsBuilder b, KStream<String, IdeaMention> mentions, Topics topics, int capacity) {
        b.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.IDEAS), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()).withCachingDisabled());
        mentions.repartition(Repartitioned.<String, IdeaMention>as(Stores.IDEA_MENTIONS_TOPIC)
                        .withKeySerde(Serdes.String()).withValueSerde(new IdeaMentionSerde()).withNumberOfPartitions(1))
                .process(() -> new IdeaBoardStage(capacity), Named.as(PROCESSOR), Stores.IDEAS)
                .to(topics.ideas(), Produced.with(Serdes.String(), AvroSerde.of(Idea.class)).withName("sink-ideas"));
    }

    @Override
    public void init(ProcessorContext<String, Idea> context) {
        this.ctx = context;
        this.store = context.getStateStore(Stores.IDEAS);
        this.board = new IdeaBoard(capacity);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> board.restore(IdeaGroup.decode(kv.value)));
        }
    }

    @Override
    public void process(Record<String, IdeaMention> record) {
        board.add(record.value()).ifPresent(u -> {
            u.evicted().forEach(store::delete);
            Idea idea = u.idea().toIdea();
            store.put(idea.getIdeaId(), u.idea().encode());
            ctx.forward(new Record<>(idea.getIdeaId(), idea, record.timestamp()));
        });
    }

    /** The ideas with the most weight first (ties: most recent), at most {@code limit}, for GET /api/ideas. */
    public static List<Idea> topIdeas(ReadOnlyKeyValueStore<String, byte[]> store, int limit) {
        List<Idea> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                all.add(IdeaGroup.decode(kv.value).toIdea());
            }
        }
        all.sort(Comparator.comparingDouble(Idea::getWeight).reversed()
                .thenComparing(Comparator.comparing(Idea::getLastSeen).reversed()).thenComparing(Idea::getIdeaId));
        return List.copyOf(all.subList(0, Math.max(0, Math.min(limit, all.size()))));
    }
}
