package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.WebTraffic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Clock;
import java.time.Instant;

/**
 * Stream time for the input topics comes from the events' own timestamps, never from the Kafka record's.
 * <p>
 * Why: the Kafka timestamp is whatever a producer stamped, and Kafka Streams' stream time (which fires
 * stream-time punctuations, e.g. the customer stage's promise deadlines, and picks the next record among
 * a task's partitions) is the highest timestamp seen. One record stamped in the year 3000 would fire every
 * deadline at once; one stamped -1 would stop the app (the default extractor fails on it). The Normalizer
 * re-stamps records with event time anyway. An event time outside the accepted range
 * (validation.max-age, validation.max-future-skew: the record is dead-lettered downstream) and records
 * that did not decode to an event leave stream time where it was.
 */
final class EventTimeExtractor implements TimestampExtractor {
    private final Clock clock;
    private final long maxAgeMs;
    private final long maxFutureMs;

    EventTimeExtractor(TouchpulseConfig config, Clock clock) {
        this.clock = clock;
        this.maxAgeMs = config.maxAge().toMillis();
        this.maxFutureMs = config.maxFutureSkew().toMillis();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object v = record.value();
        Instant t = v instanceof WebTraffic w ? w.getTimestamp()
                : v instanceof SearchEvent s ? s.getTimestamp()
                : v instanceof Interaction i ? i.getTimestamp() : null;
        long now = clock.millis();
        if (t != null && accepted(t.toEpochMilli(), now)) {
            return t.toEpochMilli();
        }
        // keep stream time; a negative answer would make Kafka Streams skip the record silently
        if (partitionTime >= 0) {
            return partitionTime;
        }
        return accepted(record.timestamp(), now) ? record.timestamp() : Math.max(0, now - maxAgeMs);
    }

    private boolean accepted(long t, long now) {
        return t >= 0 && t >= now - maxAgeMs && t <= now + maxFutureMs;
    }
}
