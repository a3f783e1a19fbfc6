package io.touchpulse.topology.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The few most negative customer texts of a pane or window: the evidence an on-call manager reads
 * first ("what are customers saying?"). Bounded (a handful of texts, each cut to a tweet's length)
 * and deterministic: merging panes in any order keeps the same texts. Texts arrive already
 * PII-redacted from the signal; identical texts are kept once.
 */
public final class VerbatimSample {
    public static final int CAPACITY = 5;
    static final int MAX_CHARS = 280;
    private static final Comparator<Entry> MOST_NEGATIVE_FIRST =
            Comparator.comparingDouble(Entry::compound).thenComparing(Entry::text);

    record Entry(double compound, String text) {
    }

    private final List<Entry> entries = new ArrayList<>(CAPACITY + 1);

    public void add(double compound, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String t = text.length() <= MAX_CHARS ? text.strip() : text.substring(0, MAX_CHARS - 1).strip() + "…";
        for (Entry e : entries) {
            if (e.text().equals(t)) {
                return;
            }
        }
        if (entries.size() == CAPACITY && MOST_NEGATIVE_FIRST.compare(new Entry(compound, t), entries.get(CAPACITY - 1)) >= 0) {
            return;
        }
        entries.add(new Entry(compound, t));
        entries.sort(MOST_NEGATIVE_FIRST);
        if (entries.size() > CAPACITY) {
            entries.remove(CAPACITY);
        }
    }

    public void merge(VerbatimSample other) {
        other.entries.forEach(e -> add(e.compound(), e.text()));
    }

    /** Most negative first. */
    public List<String> texts() {
        return entries.stream().map(Entry::text).toList();
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(entries.size());
        for (Entry e : entries) {
            out.writeDouble(e.compound());
            out.writeUTF(e.text());
        }
    }

    static VerbatimSample read(DataInput in) throws IOException {
        VerbatimSample s = new VerbatimSample();
        int n = in.readUnsignedByte();
        for (int i = 0; i < n; i++) {
            s.entries.add(new Entry(in.readDouble(), in.readUTF()));
        }
        return s;
    }
}
