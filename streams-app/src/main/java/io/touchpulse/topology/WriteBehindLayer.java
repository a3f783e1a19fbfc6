package io.touchpulse.topology;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;
import java.util.function.Function;

/**
 * What the write-behind stores ({@link WriteBehindStore}, {@link CustomerStore}) share: a layer over a logged key-value
 * store that keeps changes in memory and writes them to the store (and so to its changelog) before each commit's
 * transaction ends, and forgets them when a task's uncommitted work is thrown away.
 * <p>
 * "Before the transaction ends" needs the layer to be a {@link CachedStateStore}: Kafka Streams 4.3 flushes only caches
 * then ({@code StreamTask.prepareCommit} → {@code ProcessorStateManager.flushCache}); {@code flush}/{@code commit} come
 * after the transaction (and under exactly-once only at a checkpoint). As a plain store the panes' layer wrote its values
 * one or more transactions after the input offsets that produced them, and a SIGKILL in between lost them
 * ({@code CrashRestartTest}). {@code CachedStateStore} is an internal interface: re-check it on a Kafka upgrade.
 *
 * @param <V> the inner store's value type
 * @param <C> the value type the layer presents (for {@link CachedStateStore})
 */
abstract class WriteBehindLayer<V, C> implements StateStore, CachedStateStore<String, C> {
    protected final KeyValueStore<String, V> inner;

    WriteBehindLayer(KeyValueStore<String, V> inner) {
        this.inner = inner;
    }

    /** Writes every pending change to the inner store. */
    abstract void writePending();

    /** Forgets every pending change (and anything else held in memory that may reflect one). */
    abstract void dropPending();

    /** Called before every commit's transaction ends: the pending changes join the changelog in that transaction. */
    @Override
    public void flushCache() {
        writePending();
    }

    /** Called when a task's uncommitted work is thrown away (closed dirty): the pending changes go with it. */
    @Override
    public void clearCache() {
        dropPending();
    }

    /** No downstream forwarding on flush (that is for KTable caches). */
    @Override
    public boolean setFlushListener(CacheFlushListener<String, C> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writePending();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writePending();
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void close() {
        dropPending();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Builds a layer over a logged store builder's store; Kafka Streams' byte cache stays off (the layer holds objects). */
    record Builder<S extends StateStore, V>(StoreBuilder<KeyValueStore<String, V>> inner, Function<KeyValueStore<String, V>, S> layer)
            implements StoreBuilder<S> {
        @Override
        public StoreBuilder<S> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<S> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config), layer);
        }

        @Override
        public StoreBuilder<S> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled(), layer);
        }

        @Override
        public S build() {
            return layer.apply(inner.withCachingDisabled().build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
