package io.touchpulse.cli;

import io.touchpulse.http.ClusterQueries;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks one instance the same queries every 100 ms on a thread of its own and keeps every answer, so a failover test
 * can say afterwards, per path, how long answers were missing, partial or stale and which errors occurred. An answer
 * is <em>complete</em> when it is a 200 with no {@value ClusterQueries#PARTIAL} header (it may come from a standby:
 * {@value ClusterQueries#STALE}), and <em>owned</em> when complete, not stale and answered by {@code self} alone.
 */
final class FailoverProbe implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(100);

    /** One answer, {@code atMs} after the probe's time zero (the kill); status -1 = no HTTP answer at all. */
    record Sample(long atMs, String path, int status, boolean stale, String partial, String answeredBy, long tookMs, String body) {
        boolean complete() {
            return status == 200 && partial == null;
        }
    }

    /** Per path: the first complete and owned answers after time zero, the last answer that was not complete, and counts. */
    record Summary(String path, int samples, long firstCompleteMs, long firstOwnedMs, long lastIncompleteMs,
                   int failed, int partial, int stale, Map<String, Integer> errors) {
        @Override
        public String toString() {
            return String.format("%s: %d requests; first complete answer %d ms, answered as the owner %d ms, last incomplete %d ms after the kill; "
                    + "%d failed %s, %d partial, %d stale", path, samples, firstCompleteMs, firstOwnedMs, lastIncompleteMs, failed, errors, partial, stale);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private final String self;
    private final List<String> paths;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile long zeroNanos = System.nanoTime();
    private volatile boolean stop;

    FailoverProbe(int port, List<String> paths) {
        this.port = port;
        this.self = "127.0.0.1:" + port;
        this.paths = List.copyOf(paths);
        this.thread = new Thread(this::run, "failover-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on answers are timed from this instant (the kill); earlier ones have negative times. */
    void zero(long nanos) {
        zeroNanos = nanos;
    }

    private void run() {
        while (!stop) {
            for (String path : paths) {
                Sample s = ask(path);
                if (stop) {
                    return; // an answer cut short by close() is not the instance's doing
                }
                synchronized (samples) {
                    samples.add(s);
                }
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Sample ask(String path) {
        long t0 = System.nanoTime();
        long at = (t0 - zeroNanos) / 1_000_000;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Sample(at, path, r.statusCode(), r.headers().firstValue(ClusterQueries.STALE).isPresent(),
                    r.headers().firstValue(ClusterQueries.PARTIAL).orElse(null), r.headers().firstValue(ClusterQueries.ANSWERED_BY).orElse(""),
                    (System.nanoTime() - t0) / 1_000_000, r.statusCode() == 200 ? "" : r.body());
        } catch (IOException e) {
            return new Sample(at, path, -1, false, null, "", (System.nanoTime() - t0) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(at, path, -1, false, null, "", 0, "interrupted");
        }
    }

    /** The answers so far at or after time zero. */
    List<Sample> afterZero() {
        synchronized (samples) {
            return samples.stream().filter(s -> s.atMs() >= 0).toList();
        }
    }

    Summary summary(String path) {
        return summary(path, 0, Long.MAX_VALUE);
    }

    /** The answers to {@code path} asked from {@code fromMs} (inclusive) to {@code toMs} (exclusive) after time zero. */
    Summary summary(String path, long fromMs, long toMs) {
        List<Sample> mine = afterZero().stream().filter(s -> s.path().equals(path) && s.atMs() >= fromMs && s.atMs() < toMs).toList();
        long firstComplete = mine.stream().filter(Sample::complete).mapToLong(Sample::atMs).findFirst().orElse(-1);
        long firstOwned = mine.stream().filter(s -> s.complete() && !s.stale() && s.answeredBy().equals(self)).mapToLong(Sample::atMs).findFirst().orElse(-1);
        long lastIncomplete = mine.stream().filter(s -> !s.complete()).mapToLong(Sample::atMs).max().orElse(-1);
        Map<String, Integer> errors = new TreeMap<>();
        mine.stream().filter(s -> s.status() != 200).forEach(s -> errors.merge(s.status() + " " + abbreviate(s.body()), 1, Integer::sum));
        return new Summary(path, mine.size(), firstComplete, firstOwned, lastIncomplete,
                (int) mine.stream().filter(s -> s.status() != 200).count(), (int) mine.stream().filter(s -> s.partial() != null).count(),
                (int) mine.stream().filter(Sample::stale).count(), errors);
    }

    /** Error bodies name hosts and ports; keep the reason, short, so equal errors group. */
    private static String abbreviate(String body) {
        String b = body.replaceAll("127\\.0\\.0\\.1:\\d+", "<host>");
        return b.length() > 160 ? b.substring(0, 160) + "…" : b;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(15_000);
    }
}
