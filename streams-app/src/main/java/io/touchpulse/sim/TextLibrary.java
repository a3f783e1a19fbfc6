package io.touchpulse.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Phrase fragments loaded once from {@code /sim/phrases.txt}: named sections of lines, where a line may refer to another
 * section as {@code {name}}. Templates are pre-split at load time so expansion is a few appends — no regex, no
 * String.format — because the simulator expands thousands of texts per second.
 */
final class TextLibrary {
    private record Template(String[] literals, int[] slots) {
    }

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private Template[][] sections;

    static TextLibrary load() {
        InputStream in = TextLibrary.class.getResourceAsStream("/sim/phrases.txt");
        if (in == null) throw new IllegalStateException("missing resource /sim/phrases.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new TextLibrary(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TextLibrary(List<String> lines) {
        List<List<String>> raw = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("[") && t.endsWith("]")) {
                current = new ArrayList<>();
                register(t.substring(1, t.length() - 1));
                raw.add(current);
            } else if (current == null) {
                throw new IllegalArgumentException("phrase line outside a section: " + t);
            } else {
                current.add(t.equals("~") ? "" : t);
            }
        }
        sections = new Template[raw.size()][];
        for (int s = 0; s < raw.size(); s++) {
            List<String> src = raw.get(s);
            if (src.isEmpty()) throw new IllegalArgumentException("empty phrase section [" + names.get(s) + "]");
            sections[s] = new Template[src.size()];
            for (int k = 0; k < src.size(); k++) sections[s][k] = parse(src.get(k));
        }
    }

    private void register(String name) {
        if (index.putIfAbsent(name, names.size()) != null) throw new IllegalArgumentException("duplicate section [" + name + "]");
        names.add(name);
    }

    private Template parse(String line) {
        List<String> lits = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = line.indexOf('{', pos);
            if (open < 0) break;
            int close = line.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException("unclosed { in: " + line);
            lits.add(line.substring(pos, open));
            slots.add(id(line.substring(open + 1, close)));
            pos = close + 1;
        }
        lits.add(line.substring(pos));
        return new Template(lits.toArray(String[]::new), slots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The id of a section, for fast repeated expansion. */
    int id(String name) {
        Integer i = index.get(name);
        if (i == null) throw new IllegalArgumentException("unknown phrase section [" + name + "]");
        return i;
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    int size(int section) {
        return sections[section].length;
    }

    /** Appends one random line of the section, with its slots expanded recursively. */
    void expand(int section, SplittableRandom rng, StringBuilder out) {
        Template[] options = sections[section];
        expand(options[rng.nextInt(options.length)], rng, out);
    }

    /** Appends line {@code k} of the section (for callers that need to know which line was used). */
    void expandLine(int section, int k, SplittableRandom rng, StringBuilder out) {
        expand(sections[section][k], rng, out);
    }

    private void expand(Template t, SplittableRandom rng, StringBuilder out) {
        String[] lits = t.literals();
        int[] slots = t.slots();
        out.append(lits[0]);
        for (int k = 0; k < slots.length; k++) {
            expand(slots[k], rng, out);
            out.append(lits[k + 1]);
        }
    }

    String expand(int section, SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(48);
        expand(section, rng, sb);
        return sb.toString();
    }
}
