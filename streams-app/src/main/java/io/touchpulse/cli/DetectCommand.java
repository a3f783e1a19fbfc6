package io.touchpulse.cli;

import io.touchpulse.detect.Detector;
import io.touchpulse.detect.DetectorConfig;
import io.touchpulse.detect.Direction;
import io.touchpulse.detect.Seasonality;
import io.touchpulse.detect.State;
import io.touchpulse.detect.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * CSV {@code timestamp,value} on stdin → {@code timestamp,value,anomaly_score,alert} on stdout, one
 * row per input row, same order, with the same engine as the topology ({@link Detector#observe}).
 * Streams: only the first {@value #PROBE} rows are held, to infer the sampling interval (median gap).
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Score a time series for anomalies: CSV timestamp,value (with a header) on stdin;",
                "CSV timestamp,value,anomaly_score,alert on stdout, one row per input row, same order.",
                "anomaly_score is in [0,1] (about 0 for ordinary points, 0.5 at the fire threshold); alert is 1 while the alert is firing.",
                "Bad rows are reported as 'line N: problem' on stderr and still get a row (score 0, alert 0); exit code 3 if there were any."})
final class DetectCommand implements Callable<Integer> {
    static final int EXIT_BAD_ROWS = 3;
    static final int PROBE = 32;

    @Option(names = "--direction", defaultValue = "both", converter = DirectionConverter.class,
            description = "both, up or down: which deviations count (default: ${DEFAULT-VALUE}).")
    Direction direction = Direction.BOTH;

    @Option(names = "--seasonality", defaultValue = "auto", converter = SeasonalityConverter.class,
            description = "auto, none, daily or weekly (default: ${DEFAULT-VALUE}).")
    Seasonality seasonality = Seasonality.AUTO;

    @Option(names = "--warmup", description = "Points that only teach the baseline (default: one day of points, 30 to 1440).")
    Integer warmup;

    @Option(names = "--fire", defaultValue = "4.0", description = "Fire threshold, in standard deviations (default: ${DEFAULT-VALUE}).")
    double fire = 4.0;

    @Option(names = "--resolve", defaultValue = "2.5", description = "Resolve threshold, in standard deviations (default: ${DEFAULT-VALUE}).")
    double resolve = 2.5;

    @Option(names = "--fire-windows", defaultValue = "2", description = "Consecutive anomalous points to fire (default: ${DEFAULT-VALUE}).")
    int fireWindows = 2;

    @Option(names = "--resolve-windows", defaultValue = "3", description = "Consecutive quiet points to resolve (default: ${DEFAULT-VALUE}).")
    int resolveWindows = 3;

    @Option(names = "--relearn-after", description = "Firing points after which a lasting change becomes the baseline (default: 12 hours of points, 12 to 360).")
    Integer relearnAfter;

    @Option(names = "--min-effect", defaultValue = "0", description = "Smallest change relative to the baseline that may alert, e.g. 0.1 (default: ${DEFAULT-VALUE}).")
    double minEffect;

    @Override
    public Integer call() throws IOException {
        return run(System.in, System.out, System.err);
    }

    int run(InputStream in, OutputStream out, PrintStream err) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write(DetectCsv.HEADER);
        StringBuilder sb = new StringBuilder(1 << 16);
        List<DetectCsv.Row> probe = new ArrayList<>(PROBE);
        DetectCsv.Columns columns = null;
        Detector detector = null;
        State state = null;
        int bad = 0;
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (columns == null) {
                columns = DetectCsv.Columns.of(line);
                if (columns.header()) {
                    continue;
                }
            }
            DetectCsv.Row row = DetectCsv.parse(line, lineNo, columns);
            if (detector == null) {
                probe.add(row);
                if (probe.size() < PROBE) {
                    continue;
                }
                detector = new Detector(config(probe));
                state = detector.newState();
                for (DetectCsv.Row r : probe) {
                    bad += emit(r, detector, state, sb, writer, err);
                }
                probe.clear();
            } else {
                bad += emit(row, detector, state, sb, writer, err);
            }
        }
        if (detector == null) {
            detector = new Detector(config(probe));
            state = detector.newState();
            for (DetectCsv.Row r : probe) {
                bad += emit(r, detector, state, sb, writer, err);
            }
        }
        flush(sb, writer);
        writer.flush();
        if (bad > 0) {
            err.println(bad + " bad row" + (bad == 1 ? "" : "s") + " (scored 0, alert 0); " + state.observations() + " good rows scored");
        }
        return bad > 0 ? EXIT_BAD_ROWS : 0;
    }

    /** Scores one row into the output buffer, which goes to the writer in 64 KB pieces. */
    private static int emit(DetectCsv.Row row, Detector detector, State state, StringBuilder sb, Writer w, PrintStream err) throws IOException {
        int bad = 0;
        if (row.ok()) {
            Verdict v = detector.observe(state, row.ts(), row.number());
            DetectCsv.append(sb, row, v.anomalyScore(), v.firing());
        } else {
            flush(sb, w); // keep stdout and stderr in step for a reader of both
            err.println("line " + row.line() + ": " + row.problem());
            DetectCsv.append(sb, row, 0, false);
            bad = 1;
        }
        if (sb.length() > 60_000) {
            flush(sb, w);
        }
        return bad;
    }

    private static void flush(StringBuilder sb, Writer w) throws IOException {
        char[] chars = new char[sb.length()];
        sb.getChars(0, chars.length, chars, 0);
        w.write(chars);
        sb.setLength(0);
    }

    /** The detector configuration for this series: the options, with defaults scaled by the sampling interval. */
    DetectorConfig config(List<DetectCsv.Row> probe) {
        Duration interval = medianGap(probe);
        double perDay = 86_400_000.0 / interval.toMillis();
        return DetectorConfig.builder()
                .direction(direction).seasonality(seasonality).interval(interval)
                .warmup(warmup != null ? warmup : (int) Math.max(30, Math.min(1440, Math.round(perDay))))
                .relearnAfter(relearnAfter != null ? relearnAfter : (int) Math.max(12, Math.min(360, Math.round(perDay / 2))))
                .fireThreshold(fire).resolveThreshold(resolve).fireWindows(fireWindows).resolveWindows(resolveWindows)
                .minRelativeEffect(minEffect)
                .build();
    }

    /** Median of the positive gaps between the first rows' timestamps; one minute if there are none. */
    static Duration medianGap(List<DetectCsv.Row> rows) {
        long[] gaps = new long[rows.size()];
        int n = 0;
        long prev = Long.MIN_VALUE;
        for (DetectCsv.Row r : rows) {
            if (r.ok()) {
                if (prev != Long.MIN_VALUE && r.ts() > prev) {
                    gaps[n++] = r.ts() - prev;
                }
                prev = r.ts();
            }
        }
        if (n == 0) {
            return Duration.ofMinutes(1);
        }
        Arrays.sort(gaps, 0, n);
        return Duration.ofMillis(Math.max(1, gaps[n / 2]));
    }

    static final class DirectionConverter implements ITypeConverter<Direction> {
        @Override
        public Direction convert(String value) {
            return Direction.parse(value);
        }
    }

    static final class SeasonalityConverter implements ITypeConverter<Seasonality> {
        @Override
        public Seasonality convert(String value) {
            return Seasonality.parse(value);
        }
    }
}
