package io.touchpulse.cli;

import io.touchpulse.text.Sentiment;
import io.touchpulse.text.TextAnalysis;
import io.touchpulse.text.TextAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;

/**
 * Text lines on stdin → one JSON object per line on stdout, in the same order. Streams: lines are
 * scored in batches on all cores while earlier batches are written, so memory stays bounded
 * whatever the input size. Invalid UTF-8 is decoded with replacement characters, never fatal.
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = {"Score UTF-8 text lines from stdin; print one JSON object per line, same order:",
                "{\"compound\": [-1..1], \"label\": positive|neutral|negative, \"positive\", \"neutral\", \"negative\" proportions,",
                " \"intents\": [churn|complaint|praise|question|request], \"aspects\": {aspect: compound of its clause}}."})
final class SentimentCommand implements Callable<Integer> {
    private static final int BATCH = 512;

    @Option(names = "--threads", description = "Scoring threads (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        score(System.in, System.out, Math.max(1, threads), TextAnalyzer.standard());
        return 0;
    }

    static void score(InputStream in, OutputStream out, int threads, TextAnalyzer analyzer) throws IOException, InterruptedException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sentiment");
            t.setDaemon(true);
            return t;
        });
        // bounded queue of batches in input order: back-pressure on the reader, order for the writer
        BlockingQueue<CompletableFuture<String>> pending = new ArrayBlockingQueue<>(threads * 4);
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> drain(pending, writer));
        try {
            List<String> batch = new ArrayList<>(BATCH);
            String line;
            while ((line = reader.readLine()) != null) {
                batch.add(line);
                if (batch.size() == BATCH) {
                    submit(batch, pending, pool, analyzer, written);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                submit(batch, pending, pool, analyzer, written);
            }
            enqueue(CompletableFuture.completedFuture(null), pending, written); // end marker
            written.join();
            writer.flush();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void submit(List<String> batch, BlockingQueue<CompletableFuture<String>> pending, ExecutorService pool,
                               TextAnalyzer analyzer, CompletableFuture<Void> written) throws InterruptedException {
        enqueue(CompletableFuture.supplyAsync(() -> {
            StringBuilder sb = new StringBuilder(batch.size() * 96);
            for (String text : batch) {
                TextAnalysis t;
                try {
                    t = analyzer.analyze(text);
                } catch (RuntimeException e) {
                    t = TextAnalysis.EMPTY; // one odd line must not cost the rest of the output its order
                }
                appendJson(sb, t);
            }
            return sb.toString();
        }, pool), pending, written);
    }

    /** Waits for room in the queue, but gives up (with the writer's error) if the writer has stopped, e.g. on a closed pipe. */
    private static void enqueue(CompletableFuture<String> f, BlockingQueue<CompletableFuture<String>> pending,
                                CompletableFuture<Void> written) throws InterruptedException {
        while (!pending.offer(f, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (written.isDone()) {
                written.join();
                throw new IllegalStateException("output stopped");
            }
        }
    }

    private static void drain(BlockingQueue<CompletableFuture<String>> pending, Writer writer) {
        try {
            while (true) {
                String chunk = pending.take().join();
                if (chunk == null) {
                    return;
                }
                writer.write(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void appendJson(StringBuilder sb, TextAnalysis t) {
        Sentiment s = t.sentiment();
        sb.append("{\"compound\":").append(round(s.compound()))
                .append(",\"label\":\"").append(s.label())
                .append("\",\"positive\":").append(round(s.positive()))
                .append(",\"neutral\":").append(round(s.neutral()))
                .append(",\"negative\":").append(round(s.negative()))
                .append(",\"intents\":[");
        for (int i = 0; i < t.intents().size(); i++) {
            sb.append(i == 0 ? "\"" : ",\"").append(t.intents().get(i)).append('"');
        }
        sb.append("],\"aspects\":{");
        boolean first = true;
        for (var e : t.aspects().entrySet()) {
            sb.append(first ? "\"" : ",\"").append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        sb.append("}}\n");
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
