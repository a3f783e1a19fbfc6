package io.touchpulse.journey;

import io.touchpulse.schema.Idea;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One idea on the board: the mentions grouped under a theme, with what the feed shows (weight, customers, where
 * it came from, the best examples) and what grouping needs (how many mentions used each term). Bounded: at most
 * {@link #MAX_TERMS} terms, {@link #MAX_LABELS} touchpoints and segments, {@link #MAX_EXAMPLES} examples.
 */
public final class IdeaGroup {
    static final byte VERSION = 1;
    static final int MAX_TERMS = 40;
    static final int MAX_LABELS = 50;
    static final int MAX_EXAMPLES = 3;
    private static final String OTHER = "other";

    record Example(String customerId, double weight, String text) {}

    final String ideaId;
    /** Mentions that used each informative term, in order of first use. */
    final Map<String, Long> termCounts = new LinkedHashMap<>();
    final Map<String, Long> touchpoints = new LinkedHashMap<>();
    final Map<String, Long> segments = new LinkedHashMap<>();
    final List<Example> examples = new ArrayList<>();
    DistinctCounter customers = new DistinctCounter();
    long mentions;
    double weight;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;

    IdeaGroup(String ideaId) {
        this.ideaId = ideaId;
    }

    void add(IdeaMention m, List<String> terms, double w) {
        mentions++;
        weight += w;
        customers.add(m.customerId());
        firstSeen = Math.min(firstSeen, m.timestamp());
        lastSeen = Math.max(lastSeen, m.timestamp());
        for (String t : terms) {
            termCounts.merge(t, 1L, Long::sum);
        }
        trimTerms();
        count(touchpoints, m.touchpoint());
        count(segments, m.segment());
        example(m, w);
    }

    /** The most used two-word phrase once two mentions share it, else the three most used words. */
    public String theme() {
        List<Map.Entry<String, Long>> ranked = ranked();
        for (Map.Entry<String, Long> e : ranked) {
            if (IdeaTerms.isPhrase(e.getKey()) && (e.getValue() >= 2 || mentions == 1)) {
                return e.getKey();
            }
        }
        List<String> words = new ArrayList<>(3);
        for (Map.Entry<String, Long> e : ranked) {
            if (!IdeaTerms.isPhrase(e.getKey()) && words.size() < 3) {
                words.add(e.getKey());
            }
        }
        return String.join(" ", words);
    }

    /** Terms by use, most used first; ties keep the order of first use. */
    List<Map.Entry<String, Long>> ranked() {
        List<Map.Entry<String, Long>> all = new ArrayList<>(termCounts.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue().reversed()); // stable: ties stay in first-use order
        return all;
    }

    /** The words that characterise the idea for matching new mentions: its most used words. */
    List<String> topWords(int n) {
        List<String> out = new ArrayList<>(n);
        for (Map.Entry<String, Long> e : ranked()) {
            if (!IdeaTerms.isPhrase(e.getKey()) && out.size() < n) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** A phrase two mentions share (or the one that named the idea) marks the idea unmistakably. */
    boolean hasKnownPhrase(String phrase) {
        Long n = termCounts.get(phrase);
        return n != null && (n >= 2 || phrase.equals(theme()));
    }

    private void trimTerms() {
        while (termCounts.size() > MAX_TERMS) {
            List<Map.Entry<String, Long>> r = ranked();
            termCounts.remove(r.get(r.size() - 1).getKey());
        }
    }

    private static void count(Map<String, Long> m, String label) {
        String l = label == null || label.isBlank() ? "unknown" : label;
        if (!m.containsKey(l) && m.size() >= MAX_LABELS - 1) {
            l = OTHER;
        }
        m.merge(l, 1L, Long::sum);
    }

    /** Examples come from the highest-weight customers, one per customer. */
    private void example(IdeaMention m, double w) {
        if (m.text() == null || m.text().isBlank()) {
            return;
        }
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.customerId() != null && e.customerId().equals(m.customerId())) {
                if (w > e.weight()) {
                    examples.set(i, new Example(m.customerId(), w, m.text()));
                    examples.sort(Comparator.comparingDouble(Example::weight).reversed());
                }
                return;
            }
        }
        examples.add(new Example(m.customerId(), w, m.text()));
        examples.sort(Comparator.comparingDouble(Example::weight).reversed());
        if (examples.size() > MAX_EXAMPLES) {
            examples.remove(examples.size() - 1);
        }
    }

    public Idea toIdea() {
        List<String> terms = ranked().stream().limit(10).map(Map.Entry::getKey).toList();
        return Idea.newBuilder().setIdeaId(ideaId).setTheme(theme()).setTerms(terms).setMentions(mentions)
                .setCustomers(customers.estimate()).setWeight(weight).setTouchpoints(new LinkedHashMap<>(touchpoints))
                .setSegments(new LinkedHashMap<>(segments)).setExamples(examples.stream().map(Example::text).toList())
                .setFirstSeen(Instant.ofEpochMilli(firstSeen)).setLastSeen(Instant.ofEpochMilli(lastSeen)).build();
    }

    public byte[] encode() {
        return IdeaGroupCodec.encode(this);
    }

    public static IdeaGroup decode(byte[] bytes) {
        return IdeaGroupCodec.decode(bytes);
    }
}
