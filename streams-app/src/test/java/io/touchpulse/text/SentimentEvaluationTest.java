package io.touchpulse.text;

import io.touchpulse.text.EvalSupport.Metrics;
import io.touchpulse.text.EvalSupport.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.touchpulse.text.EvalSupport.CATEGORIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates {@link SentimentScorer#standard()} against our own hand-labelled customer-experience
 * set ({@code /eval/cx-sentiment.tsv}: label, category, text) and prints a report: accuracy,
 * per-class precision/recall/F1, macro-F1, and accuracy and macro-F1 per category.
 */
class SentimentEvaluationTest {

    /*
     * Floors, set just below the values measured on 2026-11-24 with the first-version scorer
     * (accuracy 0.6199, macro-F1 0.6184 on 705 rows); raised after elongation, clause-bounded negation,
     * concessions and more phrases (accuracy 0.6596, macro-F1 0.6597, same day), then with VADER's lexicon as the
     * base and contrast reversal (accuracy 0.7177, macro-F1 0.7183, same day), then with praise discounted beside a
     * clear failure (accuracy 0.7333, macro-F1 0.7334, same day). Note: the rules and phrases were
     * tuned while looking at this set's errors, so it flatters the engine; the honest numbers are the held-out set's
     * (HoldoutSentimentEvaluationTest: accuracy 0.6495, macro-F1 0.6479 on 2026-11-24). They are regression guards, not targets:
     * ratchet them up as the text engine improves, never lower them to make a change pass.
     */
    // 0.7404 / 0.7404 after negation reaching past pronouns and auxiliaries, and the review vocabulary (2026-11-24)
    static final double ACCURACY_FLOOR = 0.73;
    static final double MACRO_F1_FLOOR = 0.73;

    static List<Row> rows;

    @BeforeAll
    static void load() throws IOException {
        rows = EvalSupport.loadSentimentSet("/eval/cx-sentiment.tsv");
    }

    @Test
    void datasetIsWellFormed() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(600);
        Map<String, Integer> perCategory = EvalSupport.checkSentimentRows(rows);
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
        StringBuilder report = new StringBuilder(
                EvalSupport.sentimentReport("Sentiment evaluation: cx-sentiment.tsv", rows, predicted));
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
}
