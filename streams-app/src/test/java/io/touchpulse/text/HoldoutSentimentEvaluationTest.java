package io.touchpulse.text;

import io.touchpulse.text.EvalSupport.Metrics;
import io.touchpulse.text.EvalSupport.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.touchpulse.text.EvalSupport.CATEGORIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates {@link SentimentScorer#standard()} on the held-out set {@code /eval/cx-sentiment-holdout.tsv}
 * (same format as {@code cx-sentiment.tsv}). The texts were written and labelled without running or reading
 * the scorer, and are kept apart from the tuning set, so these are the honest numbers; the tuning set's
 * numbers ({@link SentimentEvaluationTest}) flatter the engine.
 *
 * <p>Keep it held out: do not tune rules or lexicon entries on these rows' errors. When the engine is
 * tuned against some of them anyway, move those rows to {@code cx-sentiment.tsv} and write fresh ones here.
 */
class HoldoutSentimentEvaluationTest {

    /*
     * Floors, set a little below the values measured on 2026-11-24 (368 rows, scorer of commit 82f9e9f):
     * accuracy 0.6495, macro-F1 0.6479 (tuning set, same scorer: 0.7333 / 0.7334). Weakest categories: sarcasm 0.18,
     * negation 0.50, emphasis 0.59; negative recall 0.53 (32 negatives read as positive, 31 as neutral).
     * Regression guards, not targets: ratchet them up as the engine improves; never lower them to make a change pass.
     */
    // raised after the negation-reach and review-vocabulary change (made without looking at this set): 0.6576 / 0.6564
    static final double ACCURACY_FLOOR = 0.645;
    static final double MACRO_F1_FLOOR = 0.645;

    /** Word-set Jaccard at or above which a held-out text counts as a near-copy of a tuning text. */
    static final double NEAR_DUPLICATE_LIMIT = 0.7;

    static List<Row> rows;

    @BeforeAll
    static void load() throws IOException {
        rows = EvalSupport.loadSentimentSet("/eval/cx-sentiment-holdout.tsv");
    }

    @Test
    void datasetIsWellFormedAndBalanced() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        Map<String, Integer> perCategory = EvalSupport.checkSentimentRows(rows);
        for (String c : CATEGORIES) {
            assertThat(perCategory.getOrDefault(c, 0)).as("rows in category %s", c).isGreaterThanOrEqualTo(20);
        }
        for (String label : EvalSupport.LABELS) {
            long n = rows.stream().filter(r -> r.label().equals(label)).count();
            assertThat((double) n / rows.size()).as("share of %s", label).isBetween(0.25, 0.45);
        }
    }

    @Test
    void heldOutTextsAreNotCopiesOfTheTuningSet() throws IOException {
        List<String> tuning = EvalSupport.loadSentimentSet("/eval/cx-sentiment.tsv").stream().map(Row::text).toList();
        List<String> heldOut = rows.stream().map(Row::text).toList();
        assertThat(EvalSupport.nearDuplicates(heldOut, tuning, NEAR_DUPLICATE_LIMIT))
                .as("held-out texts too close to a tuning text")
                .isEmpty();
    }

    @Test
    void scorerMeetsHeldOutFloors() {
        SentimentScorer scorer = SentimentScorer.standard();
        List<Sentiment> scored = new ArrayList<>(rows.size());
        List<String> predicted = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Sentiment s = scorer.score(row.text());
            scored.add(s);
            predicted.add(s.label());
        }

        Metrics overall = Metrics.of(rows, predicted, r -> true);
        System.out.println(EvalSupport.sentimentReport("Sentiment evaluation, HELD-OUT: cx-sentiment-holdout.tsv", rows,
                predicted) + EvalSupport.worstSentimentErrors(rows, scored, 15));

        assertThat(overall.accuracy).as("held-out accuracy").isGreaterThanOrEqualTo(ACCURACY_FLOOR);
        assertThat(overall.macroF1).as("held-out macro-F1").isGreaterThanOrEqualTo(MACRO_F1_FLOOR);
    }
}
