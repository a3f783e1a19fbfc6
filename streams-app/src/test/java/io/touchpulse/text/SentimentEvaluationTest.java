package io.touchpulse.text;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates {@link SentimentScorer#standard()} against our own hand-labelled customer-experience
 * set ({@code /eval/cx-sentiment.tsv}: label, category, text) and prints a report: accuracy,
 * per-class precision/recall/F1, macro-F1, and accuracy and macro-F1 per category.
 */
class SentimentEvaluationTest {

    static final List<String> LABELS = List.of("positive", "neutral", "negative");
    static final List<String> CATEGORIES = List.of("plain", "negation", "contrast", "emphasis", "emoji", "sarcasm",
            "domain", "question", "search", "mixed");

    /*
     * Floors, set just below the values measured on 2026-11-24 with the first-version scorer
     * (accuracy 0.6199, macro-F1 0.6184 on 705 rows); raised after elongation, clause-bounded negation,
     * concessions and more phrases (accuracy 0.6596, macro-F1 0.6597, same day), then with VADER's lexicon as the
     * base and contrast reversal (accuracy 0.7177, macro-F1 0.7183, same day), then with praise discounted beside a
     * clear failure (accuracy 0.7333, macro-F1 0.7334, same day). Note: the rules and phrases were
     * tuned while looking at this set's errors, so it flatters the engine; a held-out set is still owed. They are regression guards, not targets:
     * ratchet them up as the text engine improves, never lower them to make a change pass.
     */
    static final double ACCURACY_FLOOR = 0.72;
    static final double MACRO_F1_FLOOR = 0.72;

    record Row(String label, String category, String text) {
    }

    static List<Row> rows;

    @BeforeAll
    static void load() throws IOException {
        rows = new ArrayList<>();
        try (InputStream in = SentimentEvaluationTest.class.getResourceAsStream("/eval/cx-sentiment.tsv")) {
            assertThat(in).as("eval/cx-sentiment.tsv on the test classpath").isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            assertThat(header).isEqualTo("label\tcategory\ttext");
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertThat(f).as("line %d has three tab-separated fields", n).hasSize(3);
                rows.add(new Row(f[0], f[1], f[2]));
            }
        }
    }

    @Test
    void datasetIsWellFormed() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(600);
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (Row row : rows) {
            assertThat(row.label()).as("label of %s", row.text()).isIn(LABELS);
            assertThat(row.category()).as("category of %s", row.text()).isIn(CATEGORIES);
            assertThat(row.text()).as("text").isNotBlank().isEqualTo(row.text().strip());
            assertThat(seen.add(row.text().toLowerCase(Locale.ROOT))).as("duplicate text: %s", row.text()).isTrue();
            perCategory.merge(row.category(), 1, Integer::sum);
        }
        for (String c : CATEGORIES) {
            assertThat(perCategory.getOrDefault(c, 0)).as("rows in category %s", c).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void scorerMeetsAccuracyAndMacroF1Floors() {
        SentimentScorer scorer = SentimentScorer.standard();
        List<String> predicted = new ArrayList<>(rows.size());
        for (Row row : rows) {
            predicted.add(scorer.score(row.text()).label());
        }

        Metrics overall = Metrics.of(rows, predicted, c -> true);
        StringBuilder report = new StringBuilder();
        report.append("\n=== Sentiment evaluation: cx-sentiment.tsv, ").append(rows.size()).append(" rows ===\n");
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
            report.append(String.format(Locale.ROOT, "%-10s %5d %9.3f %9.3f%n", c, m.n, m.accuracy, m.macroF1));
        }
        report.append("\nmisclassified (gold -> predicted):\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (!row.label().equals(predicted.get(i))) {
                report.append(String.format(Locale.ROOT, "  [%s] %s -> %s : %s%n", row.category(), row.label(),
                        predicted.get(i), row.text()));
            }
        }
        System.out.println(report);

        assertThat(overall.accuracy).as("accuracy").isGreaterThanOrEqualTo(ACCURACY_FLOOR);
        assertThat(overall.macroF1).as("macro-F1").isGreaterThanOrEqualTo(MACRO_F1_FLOOR);
    }

    static final class Metrics {
        int n;
        double accuracy;
        double macroF1;
        final Map<String, Integer> gold = new LinkedHashMap<>();
        final Map<String, Double> precision = new LinkedHashMap<>();
        final Map<String, Double> recall = new LinkedHashMap<>();
        final Map<String, Double> f1 = new LinkedHashMap<>();
        final Map<String, Integer> confusion = new LinkedHashMap<>();

        static Metrics of(List<Row> rows, List<String> predicted, java.util.function.Predicate<Row> include) {
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
                double f = pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc);
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
}
