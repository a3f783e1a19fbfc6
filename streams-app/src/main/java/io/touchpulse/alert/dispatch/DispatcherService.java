package io.touchpulse.alert.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.alert.notify.HttpSender;
import io.touchpulse.alert.notify.Notification;
import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Alert;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs alert dispatch next to the pipeline: its own consumer on {@code tp.alerts} (read_committed,
 * group {@code <application.id>-dispatcher}) on its own thread, the {@link DispatchEngine}, and a
 * {@link DeliveryRunner} for the HTTP calls.
 *
 * <p>Each loop iteration writes the engine's state changes and the consumed offsets in one Kafka
 * transaction, and only then starts the deliveries it decided on. So a delivery is always
 * recorded as pending (with its idempotency key) before its first attempt, offsets never run
 * ahead of the state, and after a crash the state topic tells exactly what was under way.
 * The transactional id is fixed per application id: a second instance starting dispatch fences
 * the first, so two instances never both send (the first stops and reports it).
 */
public final class DispatcherService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherService.class);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int DELIVERY_THREADS = 4;

    private final Map<String, Object> kafka;
    private final String applicationId;
    private final String alertsTopic;
    private final String stateTopic;
    private final int alertPartitions;
    private final RouteNode routes;
    private final Map<String, ReceiverBinding> receivers;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final AvroSerde<Alert> alerts = AvroSerde.of(Alert.class);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean active;

    private record Command(Function<DispatchEngine, Object> op, CompletableFuture<Object> result) {}

    private DispatcherService(TouchpulseConfig c, RouteNode routes, Map<String, ReceiverBinding> receivers,
                              DispatchMetrics metrics, Clock clock) {
        this.kafka = c.kafkaClientMap();
        this.applicationId = c.applicationId();
        this.alertsTopic = Topics.withPrefix(c.topicPrefix()).alerts();
        this.stateTopic = StateTopic.name(c.applicationId());
        this.alertPartitions = c.topicPartitions();
        this.routes = routes;
        this.receivers = receivers;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = new Thread(this::run, "alert-dispatcher");
        this.thread.setDaemon(true);
    }

    public static DispatcherService start(TouchpulseConfig c, AlertingConfig alerting, MeterRegistry registry) {
        return start(c, alerting, registry, Secrets.fromEnvironment(), Clock.systemUTC());
    }

    /** Checks the whole alerting config (receivers, secrets, routes) before anything starts. */
    public static DispatcherService start(TouchpulseConfig c, AlertingConfig alerting, MeterRegistry registry, Secrets secrets, Clock clock) {
        Map<String, ReceiverBinding> receivers = Receivers.build(alerting, secrets, HttpSender.defaultClient());
        RouteNode routes = RouteNode.compileRoot(alerting.route(), receivers.keySet());
        DispatcherService s = new DispatcherService(c, routes, receivers, new DispatchMetrics(registry, receivers.keySet()), clock);
        s.thread.start();
        return s;
    }

    /** True once the state is rebuilt and alerts are being consumed. */
    public boolean isActive() {
        return active;
    }

    /** Runs {@code op} on the dispatcher's thread and returns once its state changes are committed. */
    @SuppressWarnings("unchecked")
    public <T> T call(Function<DispatchEngine, T> op) {
        if (!active) {
            throw new IllegalStateException("the alert dispatcher is not running");
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        commands.add(new Command((Function<DispatchEngine, Object>) op, result));
        wakeUp();
        try {
            return (T) result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the alert dispatcher did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void run() {
        while (closing.getCount() > 0) {
            try {
                session();
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                LOG.error("another instance with application.id {} took over alert dispatch; this one stops dispatching", applicationId);
                return;
            } catch (RuntimeException e) {
                if (closing.getCount() == 0) {
                    return;
                }
                LOG.error("alert dispatcher failed; rebuilding from {} in {} s", stateTopic, RESTART_DELAY.toSeconds(), e);
                try {
                    closing.await(RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void session() {
        StateTopic.ensure(kafka, stateTopic, alertsTopic, alertPartitions);
        try (KafkaProducer<String, byte[]> producer = DispatchClients.producer(kafka, applicationId)) {
            producer.initTransactions(); // fences an older instance and aborts its unfinished transaction
            DispatchEngine engine = new DispatchEngine(routes, receivers, a -> metrics.silenced());
            long records = StateTopic.restore(kafka, stateTopic, engine);
            engine.finishRestore(clock.instant());
            Queue<Consumer<DispatchEngine>> outcomes = new ConcurrentLinkedQueue<>();
            DeliveryRunner.Outcomes report = new DeliveryRunner.Outcomes() {
                @Override
                public void delivered(Notification n, Instant at) {
                    outcomes.add(e -> e.delivered(n, at));
                    wakeUp();
                }

                @Override
                public void failed(Notification n, Instant at) {
                    outcomes.add(e -> e.failed(n, at));
                    wakeUp();
                }
            };
            try (KafkaConsumer<String, byte[]> c = DispatchClients.alertsConsumer(kafka, applicationId);
                 DeliveryRunner runner = new DeliveryRunner(receivers, metrics, clock, report, DELIVERY_THREADS)) {
                c.assign(c.partitionsFor(alertsTopic).stream().map(p -> new TopicPartition(alertsTopic, p.partition())).toList());
                consumer = c;
                List<Notification> resumed = engine.pendingDeliveries();
                commit(producer, c, engine.drainChanges(), Map.of());
                resumed.forEach(runner::submit);
                active = true;
                metrics.active(true);
                LOG.info("alert dispatcher running: {} state records read, {} alerts firing, {} deliveries resumed, receivers {}",
                        records, engine.firingAlerts(), resumed.size(), receivers.keySet());
                while (closing.getCount() > 0) {
                    iterate(engine, producer, c, runner, outcomes);
                }
            }
        } finally {
            active = false;
            consumer = null;
            metrics.active(false);
            for (Command cmd; (cmd = commands.poll()) != null; ) {
                cmd.result().completeExceptionally(new IllegalStateException("the alert dispatcher is restarting"));
            }
        }
    }

    private void iterate(DispatchEngine engine, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> c,
                         DeliveryRunner runner, Queue<Consumer<DispatchEngine>> outcomes) {
        ConsumerRecords<String, byte[]> records;
        try {
            records = c.poll(TICK);
        } catch (WakeupException e) {
            records = ConsumerRecords.empty();
        }
        Instant now = clock.instant();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<Notification> due = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            accept(engine, r, now);
            // decide after each transition, not after the batch: a backlog read after a restart or a stall
            // would otherwise fold a firing and its resolution into one state, and with group wait 0 the
            // receiver would never hear that episode
            due.addAll(engine.tick(now));
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        for (Consumer<DispatchEngine> o; (o = outcomes.poll()) != null; ) {
            o.accept(engine);
        }
        List<Runnable> replies = new ArrayList<>();
        for (Command cmd; (cmd = commands.poll()) != null; ) {
            try {
                Object value = cmd.op().apply(engine);
                CompletableFuture<Object> result = cmd.result();
                replies.add(() -> result.complete(value));
            } catch (RuntimeException e) {
                cmd.result().completeExceptionally(e);
            }
        }
        due.addAll(engine.tick(now));
        engine.drainDropped().forEach(metrics::dropped);
        commit(producer, c, engine.drainChanges(), offsets);
        replies.forEach(Runnable::run);
        due.forEach(runner::submit);
    }

    private void accept(DispatchEngine engine, ConsumerRecord<String, byte[]> r, Instant now) {
        try {
            engine.accept(AlertView.of(alerts.deserialize(r.topic(), r.value())), now);
        } catch (RuntimeException e) {
            // tp.alerts is written by our own lifecycle; an unreadable record is a bug, reported and skipped
            LOG.error("skipping unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void commit(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> c, Map<String, Object> changes,
                        Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (changes.isEmpty() && offsets.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        changes.forEach((k, v) -> producer.send(new ProducerRecord<>(stateTopic, k, StateCodec.encode(v))));
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
        }
        producer.commitTransaction();
    }

    private void wakeUp() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Stops consuming and sending; deliveries under way stay pending in the state topic for the next start. */
    @Override
    public void close() {
        closing.countDown();
        wakeUp();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
