package io.touchpulse.cli;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.SearchEvent;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.schema.WebTraffic;
import io.touchpulse.topology.AvroSerde;
import io.touchpulse.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The exactly-once check of the fault tests, independent of the pipeline's code: counts the input events per
 * segment × touchpoint × hopping window straight from the input topics (segment from the profile topic, as the
 * profile join does; windows by the same size/advance arithmetic), and compares them with the committed
 * ({@code read_committed}) records of {@code tp.touchpoint-health}. The merger emits each window once, when it is
 * final, so a window seen twice is a duplicate, a window missing is a loss, and a different count is either.
 */
final class HealthRecount {
    /** One window of one segment × touchpoint: {@code segment|touchpoint@windowStartMillis}. */
    static String windowKey(String segment, String touchpoint, long start) {
        return segment + "|" + touchpoint + "@" + Instant.ofEpochMilli(start);
    }

    /** The result; {@link #problems()} is empty when the output equals the recount exactly. */
    record Comparison(int windowsExpected, int windowsEmitted, long eventsRecounted, long eventsInput,
                      List<String> missing, List<String> duplicated, List<String> wrongCounts, List<String> unexpected) {
        List<String> problems() {
            List<String> all = new ArrayList<>();
            if (windowsEmitted < windowsExpected && missing.isEmpty()) {
                all.add("fewer windows emitted than expected");
            }
            missing.forEach(w -> all.add("missing " + w));
            duplicated.forEach(w -> all.add("emitted more than once " + w));
            wrongCounts.forEach(w -> all.add("wrong count " + w));
            unexpected.forEach(w -> all.add("not in the input " + w));
            return all;
        }

        boolean complete() {
            return missing.isEmpty() && windowsEmitted >= windowsExpected;
        }

        @Override
        public String toString() {
            return String.format("%d input events, %d windows expected (%d events counted in them), %d emitted; %d missing, %d duplicated, %d wrong, %d unexpected",
                    eventsInput, windowsExpected, eventsRecounted, windowsEmitted, missing.size(), duplicated.size(), wrongCounts.size(), unexpected.size());
        }
    }

    private final Map<String, Object> client;
    private final Topics topics;
    private final long size;
    private final long advance;

    HealthRecount(Map<String, Object> client, Topics topics, Duration size, Duration advance) {
        this.client = client;
        this.topics = topics;
        this.size = size.toMillis();
        this.advance = advance.toMillis();
    }

    /**
     * Compares until the output is complete (every expected window emitted) or the time is up; the last comparison.
     * The caller asserts on it, so a timeout fails with the windows that are missing or wrong rather than a bare timeout.
     */
    Comparison awaitComplete(long finalUntil, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Comparison c = compare(finalUntil);
            if (c.complete() || System.nanoTime() > deadline) {
                return c;
            }
            Thread.sleep(2000);
        }
    }

    /** Expected events per window ending at or before {@code finalUntil}, from the input topics. */
    Map<String, Long> recount(long finalUntil, long[] inputEvents) {
        Map<String, String> segments = new HashMap<>();
        var profiles = AvroSerde.of(CustomerProfile.class).deserializer();
        readAll(topics.customerProfiles(), r -> {
            CustomerProfile p = r.value() == null ? null : profiles.deserialize(r.topic(), r.value());
            if (p == null) {
                segments.remove(r.key());
            } else {
                segments.put(r.key(), name(p.getSegment()));
            }
        });
        Map<String, Long> expected = new TreeMap<>();
        var web = AvroSerde.of(WebTraffic.class).deserializer();
        var search = AvroSerde.of(SearchEvent.class).deserializer();
        var interactions = AvroSerde.of(Interaction.class).deserializer();
        readAll(topics.webTraffic(), r -> {
            WebTraffic e = web.deserialize(r.topic(), r.value());
            count(expected, segments, e.getCustomerId(), e.getTouchpoint(), e.getTimestamp(), finalUntil, inputEvents);
        });
        readAll(topics.search(), r -> {
            SearchEvent e = search.deserialize(r.topic(), r.value());
            count(expected, segments, e.getCustomerId(), e.getTouchpoint(), e.getTimestamp(), finalUntil, inputEvents);
        });
        readAll(topics.interactions(), r -> {
            Interaction e = interactions.deserialize(r.topic(), r.value());
            count(expected, segments, e.getCustomerId(), e.getTouchpoint(), e.getTimestamp(), finalUntil, inputEvents);
        });
        return expected;
    }

    private void count(Map<String, Long> expected, Map<String, String> segments, String customerId, String touchpoint, Instant at,
                       long finalUntil, long[] inputEvents) {
        inputEvents[0]++;
        String segment = customerId == null || customerId.isBlank() ? "unknown" : segments.getOrDefault(customerId, "unknown");
        long t = at.toEpochMilli();
        long lastStart = Math.floorDiv(t, advance) * advance;
        for (long start = lastStart - size + advance; start <= lastStart; start += advance) {
            if (start + size <= finalUntil) {
                expected.merge(windowKey(segment, name(touchpoint), start), 1L, Long::sum);
            }
        }
    }

    /** The names the pipeline shows: lower case, dashes for spaces and underscores. */
    private static String name(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /** Every committed health record per window (a list: more than one element is a duplicate). */
    Map<String, List<TouchpointHealth>> emitted(String healthTopic) {
        Map<String, List<TouchpointHealth>> out = new TreeMap<>();
        var serde = AvroSerde.of(TouchpointHealth.class).deserializer();
        readAll(healthTopic, r -> {
            TouchpointHealth h = serde.deserialize(r.topic(), r.value());
            out.computeIfAbsent(windowKey(h.getSegment(), h.getTouchpoint(), h.getWindowStart().toEpochMilli()), k -> new ArrayList<>()).add(h);
        });
        return out;
    }

    Comparison compare(long finalUntil) {
        long[] inputEvents = {0};
        Map<String, Long> expected = recount(finalUntil, inputEvents);
        Map<String, List<TouchpointHealth>> emitted = emitted(topics.touchpointHealth());
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int emittedFinal = 0;
        for (Map.Entry<String, List<TouchpointHealth>> e : emitted.entrySet()) {
            TouchpointHealth first = e.getValue().get(0);
            if (first.getWindowEnd().toEpochMilli() > finalUntil) {
                continue; // only the closing events' windows: they never become final
            }
            emittedFinal++;
            if (e.getValue().size() > 1) {
                duplicated.add(e.getKey() + " x" + e.getValue().size() + " events " + e.getValue().stream().map(TouchpointHealth::getEvents).toList());
            }
            Long want = expected.get(e.getKey());
            if (want == null) {
                unexpected.add(e.getKey() + " events " + first.getEvents());
            } else if (first.getEvents() != want) {
                wrong.add(e.getKey() + " events " + first.getEvents() + ", input has " + want);
            }
        }
        expected.keySet().stream().filter(k -> !emitted.containsKey(k)).forEach(missing::add);
        long recounted = expected.values().stream().mapToLong(Long::longValue).sum();
        return new Comparison(expected.size(), emittedFinal, recounted, inputEvents[0], missing, duplicated, wrong, unexpected);
    }

    /**
     * Differences between two runs' windows (this app against an uninterrupted reference over the same input), final
     * windows only, on the fields that do not depend on the order panes were merged in: counts, not sketches or means.
     */
    static List<String> differences(Map<String, List<TouchpointHealth>> run, Map<String, List<TouchpointHealth>> reference, long finalUntil) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(run.keySet());
        keys.addAll(reference.keySet());
        for (String k : keys) {
            List<TouchpointHealth> a = run.get(k);
            List<TouchpointHealth> b = reference.get(k);
            TouchpointHealth any = a != null ? a.get(0) : b.get(0);
            if (any.getWindowEnd().toEpochMilli() > finalUntil) {
                continue;
            }
            if (a == null || b == null) {
                out.add(k + (a == null ? " only in the reference" : " only in the run"));
            } else if (!counts(a.get(0)).equals(counts(b.get(0)))) {
                out.add(k + ": " + counts(a.get(0)) + " vs reference " + counts(b.get(0)));
            }
        }
        return out;
    }

    private static Map<String, Object> counts(TouchpointHealth h) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("events", h.getEvents());
        m.put("distinctCustomers", h.getDistinctCustomers());
        m.put("dissatisfied", h.getDissatisfied());
        m.put("textEvents", h.getTextEvents());
        m.put("csatCount", h.getCsatCount());
        m.put("npsCount", h.getNpsCount());
        m.put("requests", h.getRequests());
        m.put("searches", h.getSearches());
        m.put("questions", h.getQuestions());
        m.put("unanswered", h.getUnansweredQuestions());
        m.put("reasons", new TreeMap<>(h.getReasonCounts()));
        m.put("intents", new TreeMap<>(h.getIntentCounts()));
        m.put("negativeAspects", new TreeMap<>(h.getNegativeAspectCounts()));
        return m;
    }

    /** Committed records of a topic so far (the last stable offsets, summed): a cheap progress probe. */
    long committedEnd(String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Records on the dead-letter topic (the simulator's events are all valid and in order: expected none). */
    long deadLetters() {
        long[] n = {0};
        readAll(topics.dlq(), r -> n[0]++);
        return n[0];
    }

    /** Reads a topic from the beginning to its current end, committed records only. */
    void readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("isolation.level", "read_committed");
        p.put("max.poll.records", "5000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
