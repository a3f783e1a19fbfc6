package io.touchpulse.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Loads {@code term<TAB>number} data files from the classpath; lexicons are data, not code. */
final class Lexicons {
    private Lexicons() {}

    static Map<String, Double> load(String resource) {
        InputStream in = Lexicons.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("lexicon " + resource + " is missing from the classpath");
        }
        Map<String, Double> out = new HashMap<>();
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
                    throw new IllegalStateException(resource + ":" + n + ": expected term<TAB>number");
                }
                out.put(line.substring(0, tab).trim(), Double.parseDouble(line.substring(tab + 1).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
