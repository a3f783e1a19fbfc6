package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.DeliveryException;
import io.touchpulse.alert.notify.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends notifications on its own threads, so a slow or dead receiver never holds up the
 * dispatcher's Kafka loop (nor, certainly, a Kafka Streams thread). Retries per the receiver's
 * {@link Backoff}; reports the final outcome once. On close, deliveries under way are simply
 * abandoned: they are still pending in the state topic and are retried with the same id.
 */
final class DeliveryRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRunner.class);

    /** Where final outcomes go (the dispatcher's loop, which records them in the state topic). */
    interface Outcomes {
        void delivered(Notification n, Instant at);

        void failed(Notification n, Instant at);
    }

    private final Map<String, ReceiverBinding> receivers;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Outcomes outcomes;
    private final ScheduledExecutorService pool;
    private volatile boolean closed;

    DeliveryRunner(Map<String, ReceiverBinding> receivers, DispatchMetrics metrics, Clock clock, Outcomes outcomes, int threads) {
        this.receivers = receivers;
        this.metrics = metrics;
        this.clock = clock;
        this.outcomes = outcomes;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "alert-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void submit(Notification n) {
        pool.execute(() -> attempt(n, 1));
    }

    private void attempt(Notification n, int attempt) {
        ReceiverBinding b = receivers.get(n.receiver());
        if (closed || b == null) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            b.receiver().send(n, clock.instant());
            metrics.attempt(n.receiver(), System.nanoTime() - t0);
            metrics.delivered(n.receiver());
            outcomes.delivered(n, clock.instant());
        } catch (DeliveryException e) {
            metrics.attempt(n.receiver(), System.nanoTime() - t0);
            if (closed) {
                return;
            }
            if (e.retryable() && attempt < b.backoff().maxAttempts()) {
                Duration wait = b.backoff().delay(attempt, e.retryAfter(), ThreadLocalRandom.current());
                metrics.retry(n.receiver());
                LOG.warn("alert notification {} to {} failed ({}), attempt {}/{}; retrying in {} ms", n.id(), n.receiver(),
                        e.getMessage(), attempt, b.backoff().maxAttempts(), wait.toMillis());
                schedule(() -> attempt(n, attempt + 1), wait);
            } else {
                giveUp(n, attempt, e.getMessage());
            }
        } catch (RuntimeException e) {
            // a bug in a format, not the receiver's fault: retrying would fail the same way
            LOG.error("alert notification {} to {} cannot be built", n.id(), n.receiver(), e);
            giveUp(n, attempt, e.toString());
        }
    }

    private void giveUp(Notification n, int attempt, String why) {
        LOG.error("alert notification {} to {} failed after {} attempt(s): {}; the group will try again later", n.id(),
                n.receiver(), attempt, why);
        metrics.failed(n.receiver());
        outcomes.failed(n, clock.instant());
    }

    private void schedule(Runnable r, Duration wait) {
        try {
            pool.schedule(r, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile: the delivery stays pending and is resumed at the next start
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
