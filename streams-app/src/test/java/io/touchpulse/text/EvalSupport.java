package io.touchpulse.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared pieces of the evaluation tests: loading the tab-separated eval sets from the test classpath,
 * three-class precision/recall/F1, the sentiment report, and a crude near-duplicate measure used to
 * keep held-out sets apart from the set the engine was tuned on.
 */
final class EvalSupport {

    static final List<String> LABELS = List.of("positive", "neutral", "negative");
    static final List<String> CATEGORIES = List.of("plain", "negation", "contrast", "emphasis", "emoji", "sarcasm",
            "domain", "question", "search", "mixed");

    private EvalSupport() {
    }

    record Row(String label, String category, String text) {
    }

    /** Reads a three-column TSV with the given header; blank lines are skipped. */
    static List<String[]> readTsv(String resource, String expectedHeader) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = EvalSupport.class.getResourceAsStream(resource)) {
            assertThat(in).as("%s on the test classpath", resource).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            assertThat(header).as("header of %s", resource).isEqualTo(expectedHeader);
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertThat(f).as("%s line %d has three tab-separated fields", resource, n).hasSize(3);
                out.add(f);
            }
        }
        return out;
    }

    /** A sentiment set: {@code label\tcategory\ttext}. */
    static List<Row> loadSentimentSet(String resource) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String[] f : readTsv(resource, "label\tcategory\ttext")) {
            rows.add(new Row(f[0], f[1], f[2]));
        }
        return rows;
    }

    /** Checks labels, categories, whitespace and duplicates; returns the row count per category. */
    static Map<String, Integer> checkSentimentRows(List<Row> rows) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (Row row : rows) {
            assertThat(row.label()).as("label of %s", row.text()).isIn(LABELS);
            assertThat(row.category()).as("category of %s", row.text()).isIn(CATEGORIES);
            assertThat(row.text()).as("text").isNotBlank().isEqualTo(row.text().strip());
            assertThat(seen.add(row.text().toLowerCase(Locale.ROOT))).as("duplicate text: %s", row.text()).isTrue();
            perCategory.merge(row.category(), 1, Integer::sum);
        }
        return perCategory;
    }

    // ---------------------------------------------------------------- near duplicates

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Jaccard similarity of the two texts' lower-cased word sets. */
    static double wordJaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String w : a) {
            if (b.contains(w)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /** Texts of {@code candidates} whose word-set Jaccard with some text of {@code reference} reaches {@code limit}. */
    static List<String> nearDuplicates(List<String> candidates, List<String> reference, double limit) {
        List<Set<String>> ref = reference.stream().map(EvalSupport::words).toList();
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            Set<String> w = words(c);
            for (int i = 0; i < ref.size(); i++) {
                if (wordJaccard(w, ref.get(i)) >= limit) {
                    out.add(c + "  ~  " + reference.get(i));
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- three-class metrics

    static final class Metrics {
        int n;
        double accuracy;
        double macroF1;
        final Map<String, Integer> gold = new LinkedHashMap<>();
        final Map<String, Double> precision = new LinkedHashMap<>();
        final Map<String, Double> recall = new LinkedHashMap<>();
        final Map<String, Double> f1 = new LinkedHashMap<>();
        final Map<String, Integer> confusion = new LinkedHashMap<>();

        static Metrics of(List<Row> rows, List<String> predicted, Predicate<Row> include) {
            Metrics m = new Metrics();
            for (String g : LABELS) {
                m.gold.put(g, 0);
                for (String p : LABELS) {
                    m.confusion.put(g + "|" + p, 0);
                }
            }
            int correct = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (!include.test(row)) {
                    continue;
                }
                m.n++;
                String p = predicted.get(i);
                m.gold.merge(row.label(), 1, Integer::sum);
                m.confusion.merge(row.label() + "|" + p, 1, Integer::sum);
                if (row.label().equals(p)) {
                    correct++;
                }
            }
            m.accuracy = m.n == 0 ? 0 : (double) correct / m.n;
            // Macro-F1 averages over the classes present in gold or predictions of this slice, so a
            // category with no neutral rows is not penalised for a class it cannot contain.
            double sumF1 = 0;
            int classes = 0;
            for (String l : LABELS) {
                int tp = m.confusion.get(l + "|" + l);
                int predictedL = 0;
                for (String g : LABELS) {
                    predictedL += m.confusion.get(g + "|" + l);
                }
                int goldL = m.gold.get(l);
                double pr = predictedL == 0 ? 0 : (double) tp / predictedL;
                double rc = goldL == 0 ? 0 : (double) tp / goldL;
                double f = prf(pr, rc);
                m.precision.put(l, pr);
                m.recall.put(l, rc);
                m.f1.put(l, f);
                if (goldL > 0 || predictedL > 0) {
                    sumF1 += f;
                    classes++;
                }
            }
            m.macroF1 = classes == 0 ? 0 : sumF1 / classes;
            return m;
        }
    }

    static double prf(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Accuracy, per-class P/R/F1, confusion matrix and per-category accuracy / macro-F1. */
    static String sentimentReport(String title, List<Row> rows, List<String> predicted) {
        Metrics overall = Metrics.of(rows, predicted, c -> true);
        StringBuilder report = new StringBuilder();
        report.append("\n=== ").append(title).append(", ").append(rows.size()).append(" rows ===\n");
        report.append(String.format(Locale.ROOT, "accuracy  %.4f%nmacro-F1  %.4f%n", overall.accuracy, overall.macroF1));
        report.append(String.format(Locale.ROOT, "%n%-10s %6s %9s %7s %7s%n", "class", "gold", "precision", "recall", "F1"));
        for (String l : LABELS) {
            report.append(String.format(Locale.ROOT, "%-10s %6d %9.3f %7.3f %7.3f%n", l, overall.gold.get(l),
                    overall.precision.get(l), overall.recall.get(l), overall.f1.get(l)));
        }
        report.append("\nconfusion (rows gold, columns predicted)\n");
        report.append(String.format(Locale.ROOT, "%-10s", ""));
        LABELS.forEach(l -> report.append(String.format(Locale.ROOT, " %9s", l)));
        report.append('\n');
        for (String g : LABELS) {
            report.append(String.format(Locale.ROOT, "%-10s", g));
            for (String p : LABELS) {
                report.append(String.format(Locale.ROOT, " %9d", overall.confusion.get(g + "|" + p)));
            }
            report.append('\n');
        }
        report.append(String.format(Locale.ROOT, "%n%-10s %5s %9s %9s%n", "category", "rows", "accuracy", "macro-F1"));
        for (String c : CATEGORIES) {
            Metrics m = Metrics.of(rows, predicted, row -> row.category().equals(c));
            if (m.n > 0) {
                report.append(String.format(Locale.ROOT, "%-10s %5d %9.3f %9.3f%n", c, m.n, m.accuracy, m.macroF1));
            }
        }
        return report.toString();
    }

    /**
     * How far a compound is from the gold class's region ({@code >= 0.05} positive, {@code <= -0.05}
     * negative, in between neutral); 0 when the label is right. Polarity flips rank above neutral slips.
     */
    static double sentimentError(String gold, double compound) {
        double t = Sentiment.THRESHOLD;
        return switch (gold) {
            case "positive" -> Math.max(0, t - compound);
            case "negative" -> Math.max(0, compound + t);
            default -> Math.max(0, Math.abs(compound) - t);
        };
    }

    /** The {@code limit} misclassified rows whose compound is furthest from their gold class. */
    static String worstSentimentErrors(List<Row> rows, List<Sentiment> predicted, int limit) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).label().equals(predicted.get(i).label())) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble(
                (Integer i) -> sentimentError(rows.get(i).label(), predicted.get(i).compound())).reversed());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d worst misclassifications of %d (gold -> predicted, compound):%n",
                Math.min(limit, wrong.size()), wrong.size()));
        for (int i : wrong.subList(0, Math.min(limit, wrong.size()))) {
            Row row = rows.get(i);
            Sentiment s = predicted.get(i);
            out.append(String.format(Locale.ROOT, "  [%-8s] %-8s -> %-8s %+.3f : %s%n", row.category(), row.label(),
                    s.label(), s.compound(), row.text()));
        }
        return out.toString();
    }
}
