package io.touchpulse.journey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups idea mentions (requests, workarounds, "I wish it could...") into ideas by their informative terms, so
 * product teams read "CSV export of statements: 40 customers, mostly premium" instead of 40 separate texts.
 * A mention joins the idea that shares a known phrase with it ("dark mode"), else the one whose most used words it
 * overlaps enough; otherwise it founds a new idea named after its own terms. The board holds at most
 * {@code capacity} ideas: the one with the lowest weight discounted by time since its last mention goes first.
 */
public final class IdeaBoard {
    /** Ideas kept; beyond, the least weighty and least recent is forgotten. */
    public static final int DEFAULT_CAPACITY = 500;
    /** An idea's weight halves for each 30 days without a mention when choosing what to forget. */
    static final long RECENCY_HALF_LIFE_MS = 30L * 24 * 3600 * 1000;
    /** A mention joins an idea when it shares at least half of the smaller of its words and the idea's top words. */
    static final double MIN_OVERLAP = 0.5;
    private static final int TOP_WORDS = 8;

    private final int capacity;
    private final Map<String, IdeaGroup> ideas = new LinkedHashMap<>();

    public IdeaBoard(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("idea board capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** What one mention did: the idea it updated, and the ideas forgotten to make room (to delete from the store). */
    public record Update(IdeaGroup idea, List<String> evicted) {}

    /** Restores an idea from the store. */
    public void restore(IdeaGroup g) {
        ideas.put(g.ideaId, g);
    }

    public Collection<IdeaGroup> ideas() {
        return ideas.values();
    }

    /** Adds a mention; empty when it has no informative terms (a bare "please add this"). */
    public Optional<Update> add(IdeaMention m) {
        if (m == null) {
            return Optional.empty();
        }
        List<String> terms = IdeaTerms.of(m.terms(), m.text());
        List<String> words = terms.stream().filter(t -> !IdeaTerms.isPhrase(t)).toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        // a weight below 1 or not a number is the emitter's bug; count the mention as an ordinary customer's
        double w = Double.isFinite(m.weight()) ? Math.max(1, m.weight()) : 1;
        IdeaGroup target = match(terms, words);
        List<String> evicted = new ArrayList<>(1);
        if (target == null) {
            String id = idOf(founding(terms, words));
            target = ideas.get(id);
            if (target == null) {
                while (ideas.size() >= capacity) {
                    evicted.add(evictOne(m.timestamp()));
                }
                target = new IdeaGroup(id);
                ideas.put(id, target);
            }
        }
        target.add(m, terms, w);
        return Optional.of(new Update(target, evicted));
    }

    private IdeaGroup match(List<String> terms, List<String> words) {
        for (String t : terms) {
            if (IdeaTerms.isPhrase(t)) {
                for (IdeaGroup g : ideas.values()) {
                    if (g.hasKnownPhrase(t)) {
                        return g;
                    }
                }
            }
        }
        IdeaGroup best = null;
        double bestScore = 0;
        Set<String> mine = new HashSet<>(words);
        for (IdeaGroup g : ideas.values()) {
            List<String> top = g.topWords(TOP_WORDS);
            long common = top.stream().filter(mine::contains).count();
            if (top.isEmpty() || common < Math.min(2, mine.size())) {
                continue;
            }
            double score = (double) common / Math.min(mine.size(), top.size());
            if (score >= MIN_OVERLAP && (score > bestScore || (score == bestScore && g.weight > best.weight))) {
                best = g;
                bestScore = score;
            }
        }
        return best;
    }

    /** The theme a new idea is founded on: its first phrase, else its first three words. */
    private static String founding(List<String> terms, List<String> words) {
        for (String t : terms) {
            if (IdeaTerms.isPhrase(t)) {
                return t;
            }
        }
        return String.join(" ", words.subList(0, Math.min(3, words.size())));
    }

    private String evictOne(long now) {
        String victim = null;
        double least = Double.MAX_VALUE;
        for (IdeaGroup g : ideas.values()) {
            double age = Math.max(0, now - g.lastSeen);
            double value = g.weight * Math.pow(0.5, age / RECENCY_HALF_LIFE_MS);
            if (value < least) {
                least = value;
                victim = g.ideaId;
            }
        }
        ideas.remove(victim);
        return victim;
    }

    /** A stable id from the founding theme: the same idea founded again (after being forgotten) keeps its id. */
    static String idOf(String theme) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(theme.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("idea-");
            for (int i = 0; i < 8; i++) {
                b.append(String.format("%02x", d[i]));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
