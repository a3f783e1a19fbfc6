package io.touchpulse.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Loads {@code term<TAB>number} data files from the classpath; lexicons are data, not code. */
final class Lexicons {
    private Lexicons() {}

    static Map<String, Double> load(String resource) {
        Map<String, Double> out = new HashMap<>();
        forEachEntry(resource, "term<TAB>number", (term, number) -> out.put(term, Double.parseDouble(number)));
        return out;
    }

    /** Calls {@code entry} with the two tab-separated fields of every line that is not blank or a # comment. */
    static void forEachEntry(String resource, String expected, BiConsumer<String, String> entry) {
        InputStream in = Lexicons.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(resource + ":" + n + ": expected " + expected);
                }
                entry.accept(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
