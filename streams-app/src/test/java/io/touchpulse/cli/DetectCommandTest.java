package io.touchpulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectCommandTest {

    record Run(int exit, List<String> rows, String err) {
    }

    private static Run run(String input, String... args) throws Exception {
        return run(input.getBytes(StandardCharsets.UTF_8), args);
    }

    private static Run run(byte[] input, String... args) throws Exception {
        DetectCommand cmd = new DetectCommand();
        new CommandLine(cmd).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = cmd.run(new ByteArrayInputStream(input), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code n} rows, 5 minutes apart, noise around 100 (sd 2), a spike of 40 at row {@code spikeAt}. */
    private static String series(int n, int spikeAt, boolean iso) {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        SplittableRandom r = new SplittableRandom(3);
        Instant t = Instant.parse("2014-04-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String ts = iso ? t.toString() : t.toString().replace('T', ' ').replace("Z", "");
            sb.append(ts).append(',').append(String.format(Locale.ROOT, "%.3f", 100 + 2 * r.nextGaussian() + (i == spikeAt ? 40 : 0))).append('\n');
            t = t.plus(Duration.ofMinutes(5));
        }
        return sb.toString();
    }

    @Test
    void oneRowPerInputRowWithScoreAndAlert() throws Exception {
        String input = series(700, 500, false);
        Run r = run(input);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.rows().get(0)).isEqualTo("timestamp,value,anomaly_score,alert");
        List<String> in = input.lines().toList();
        assertThat(r.rows()).hasSize(in.size());
        for (int i = 1; i < in.size(); i++) {
            String[] o = r.rows().get(i).split(",", -1);
            assertThat(o).hasSize(4);
            assertThat(o[0] + "," + o[1]).isEqualTo(in.get(i));
            assertThat(Double.parseDouble(o[2])).isBetween(0.0, 1.0);
            assertThat(o[2]).matches("0|1|0\\.\\d{1,6}");
            assertThat(o[3]).isIn("0", "1");
        }
        String spike = r.rows().get(501);
        assertThat(spike).endsWith(",1");
        assertThat(Double.parseDouble(spike.split(",")[2])).isGreaterThan(0.9);
        long alerts = r.rows().stream().skip(1).filter(l -> l.endsWith(",1")).count();
        assertThat(alerts).isBetween(1L, 5L);
    }

    @Test
    void isoTimestampsCrlfBomAndWhitespaceGiveTheSameScores() throws Exception {
        String plain = series(400, 350, false);
        String iso = series(400, 350, true);
        String messy = "\uFEFF" + iso.lines().map(l -> "  " + l.replace(",", " , ") + " ").reduce((a, b) -> a + "\r\n" + b).orElseThrow() + "\r\n";
        List<String> a = scores(run(plain));
        assertThat(scores(run(iso))).isEqualTo(a);
        Run m = run(messy);
        assertThat(m.exit()).isZero();
        assertThat(scores(m)).isEqualTo(a);
        assertThat(m.rows().get(1)).startsWith("2014-04-01T00:00:00Z,");
    }

    @Test
    void offsetsAndFractionsAreParsed() throws Exception {
        String input = "timestamp,value\n2014-04-10T02:02:00+02:00,1\n2014-04-10 00:07:00.000000,2\n2014-04-10T00:12:00.5Z,3\n2014-04-10T00:17,4\n";
        Run r = run(input);
        assertThat(r.exit()).isZero();
        assertThat(r.rows()).hasSize(5);
        assertThat(Timestamps.parse("2014-04-10T02:02:00+02:00")).isEqualTo(Instant.parse("2014-04-10T00:02:00Z").toEpochMilli());
        assertThat(Timestamps.parse("2014-04-10T02:02:00+0200")).isEqualTo(Instant.parse("2014-04-10T00:02:00Z").toEpochMilli());
        assertThat(Timestamps.parse("2014-04-10 00:02:00.250")).isEqualTo(Instant.parse("2014-04-10T00:02:00.250Z").toEpochMilli());
        assertThat(Timestamps.parse("2016-02-29 23:59:59")).isEqualTo(Instant.parse("2016-02-29T23:59:59Z").toEpochMilli());
        assertThat(Timestamps.parse("1397088120")).isEqualTo(1_397_088_120_000L);
        assertThatThrownBy(() -> Timestamps.parse("2015-02-29 00:00:00")).hasMessageContaining("no such date");
        assertThatThrownBy(() -> Timestamps.parse("2014-04-10 25:00:00")).hasMessageContaining("no such time");
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("not a date-time");
    }

    @Test
    void badRowsAreReportedStillGetARowAndExitWith3() throws Exception {
        String input = "timestamp,value\n"
                + "2014-04-10 00:00:00,1\n"
                + "2014-04-10 00:05:00,abc\n"
                + "2014-13-10 00:10:00,3\n"
                + "2014-04-10 00:15:00\n"
                + "\n"
                + "2014-04-10 00:20:00,NaN\n"
                + "2014-04-10 00:25:00,6\n";
        Run r = run(input);
        assertThat(r.exit()).isEqualTo(DetectCommand.EXIT_BAD_ROWS);
        assertThat(r.rows()).hasSize(7); // header + 6 rows: the blank line is not a row
        assertThat(r.rows().get(2)).isEqualTo("2014-04-10 00:05:00,abc,0,0");
        assertThat(r.rows().get(3)).isEqualTo("2014-13-10 00:10:00,3,0,0");
        assertThat(r.rows().get(4)).isEqualTo("2014-04-10 00:15:00,,0,0");
        assertThat(r.rows().get(5)).isEqualTo("2014-04-10 00:20:00,NaN,0,0");
        assertThat(r.err()).contains("line 3: value 'abc' is not a number", "line 4: timestamp '2014-13-10 00:10:00'",
                "line 5: expected at least 2", "line 7: value 'NaN' is not a finite number");
    }

    @Test
    void headerNamesPickTheColumnsAndAHeaderIsOptional() throws Exception {
        Run labelled = run("value,label,timestamp\n5,0,2014-04-10 00:00:00\n6,0,2014-04-10 00:05:00\n");
        assertThat(labelled.exit()).isZero();
        assertThat(labelled.rows().get(1)).startsWith("2014-04-10 00:00:00,5,");
        Run headless = run("2014-04-10 00:00:00,5\n2014-04-10 00:05:00,6\n");
        assertThat(headless.exit()).isZero();
        assertThat(headless.rows()).hasSize(3);
        Run empty = run("");
        assertThat(empty.exit()).isZero();
        assertThat(empty.rows()).containsExactly("timestamp,value,anomaly_score,alert");
    }

    @Test
    void directionOptionFilters() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            sb.append(1_396_310_400L + i * 300L).append(',').append(100 + r.nextGaussian() - (i == 300 ? 50 : 0)).append('\n');
        }
        assertThat(run(sb.toString(), "--direction", "down").rows().get(301)).endsWith(",1");
        assertThat(run(sb.toString(), "--direction", "UP").rows().get(301)).endsWith(",0");
        assertThatThrownBy(() -> new CommandLine(new DetectCommand()).parseArgs("--direction", "sideways"))
                .hasMessageContaining("both, up or down");
    }

    @Test
    void intervalIsTheMedianOfTheFirstGaps() {
        List<DetectCsv.Row> rows = List.of(row(0), row(300_000), row(600_000), row(1_800_000), row(2_100_000));
        assertThat(DetectCommand.medianGap(rows)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DetectCommand.medianGap(List.of(row(0)))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void registeredOnTheMainCommand() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("detect");
    }

    private static DetectCsv.Row row(long ts) {
        return new DetectCsv.Row(1, "", "", ts, 0, null);
    }

    private static List<String> scores(Run r) {
        return r.rows().stream().skip(1).map(l -> l.substring(l.indexOf(',', l.indexOf(',') + 1))).toList();
    }
}
