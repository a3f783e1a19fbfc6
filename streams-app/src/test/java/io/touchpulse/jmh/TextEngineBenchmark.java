package io.touchpulse.jmh;

import io.touchpulse.text.SentimentScorer;
import io.touchpulse.text.TextAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-core throughput of the text engine on our labelled customer-experience texts (one text per
 * operation, cycling through the set). Compare with scripts/vader-compare's vader_texts_per_s_one_core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TextEngineBenchmark {
    private String[] texts;
    private int next;
    private final SentimentScorer scorer = SentimentScorer.standard();
    private final TextAnalyzer analyzer = TextAnalyzer.standard();

    @Setup
    public void load() throws IOException {
        try (InputStream in = TextEngineBenchmark.class.getResourceAsStream("/eval/cx-sentiment.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank()).toList();
            texts = lines.stream().map(l -> l.substring(l.indexOf('\t', l.indexOf('\t') + 1) + 1)).toArray(String[]::new);
        }
    }

    private String nextText() {
        String t = texts[next];
        next = next + 1 == texts.length ? 0 : next + 1;
        return t;
    }

    @Benchmark
    public double sentiment() {
        return scorer.score(nextText()).compound();
    }

    @Benchmark
    public Object analyze() {
        return analyzer.analyze(nextText());
    }
}
